"""The command menu Telegram shows next to the input field, in each language."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import BotCommand, BotCommandScopeDefault

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
        "subscribe",
        "unsubscribe",
        "settings",
        "cancel",
        "help",
    )
)


def command_menu(translator: Translator, locale: str) -> list[BotCommand]:
    return [
        BotCommand(command=name, description=translator.get(locale, key)) for name, key in COMMANDS
    ]


async def register_commands(bot: Bot, translator: Translator) -> None:
    """Russian for everyone by default; each supported language for its own clients."""
    scope = BotCommandScopeDefault()
    await bot.set_my_commands(command_menu(translator, DEFAULT_LOCALE), scope=scope)
    for locale in LOCALES:
        await bot.set_my_commands(
            command_menu(translator, locale), scope=scope, language_code=locale
        )
