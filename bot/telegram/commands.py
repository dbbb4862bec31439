"""The command menu Telegram shows next to the input field, in each language."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault

from bot.i18n import DEFAULT_LOCALE, LOCALES, Translator

# command -> text key of its one-line description
COMMANDS: tuple[tuple[str, str], ...] = tuple(
    (name, f"cmd-{name}")
    for name in (
        "start",
        "my_items",
        "update",
        "item",
        "history",
        "year",
        "subscribe",
        "unsubscribe",
        "settings",
        "cancel",
        "help",
    )
)


ADMIN_COMMANDS: tuple[tuple[str, str], ...] = tuple(
    (name, f"cmd-{name}")
    for name in (
        "report",
        "missing",
        "stats",
        "requests",
        "members",
        "invite",
        "audit",
        "roadmaps",
    )
)

log = logging.getLogger(__name__)


def command_menu(translator: Translator, locale: str, admin: bool = False) -> list[BotCommand]:
    commands = COMMANDS + ADMIN_COMMANDS if admin else COMMANDS
    return [
        BotCommand(command=name, description=translator.get(locale, key)) for name, key in commands
    ]


async def register_commands(
    bot: Bot, translator: Translator, admin_ids: list[int] | None = None
) -> None:
    """Russian for everyone by default; each supported language for its own clients."""
    scope = BotCommandScopeDefault()
    await bot.set_my_commands(command_menu(translator, DEFAULT_LOCALE), scope=scope)
    for locale in LOCALES:
        await bot.set_my_commands(
            command_menu(translator, locale), scope=scope, language_code=locale
        )
    # admins also see their own commands, in their chat only
    for admin_id in admin_ids or []:
        chat = BotCommandScopeChat(chat_id=admin_id)
        try:
            await bot.set_my_commands(command_menu(translator, DEFAULT_LOCALE, True), scope=chat)
            for locale in LOCALES:
                await bot.set_my_commands(
                    command_menu(translator, locale, True), scope=chat, language_code=locale
                )
        except (TelegramBadRequest, TelegramForbiddenError):
            log.info("admin %d has not opened the bot yet: no admin menu for them", admin_id)
