"""Helpers the handlers share: the user's departments and zone, safe edits, long texts."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Filter
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InaccessibleMessage, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.access import user_items, user_zone
from bot.i18n import Texts
from bot.reporting import looks_like_code, normalize_code
from bot.roadmap import Item, Roadmap
from storage.repository import Repository, UserProfile


async def approved_and_zone(
    repo: Repository, roadmap: Roadmap, profile: UserProfile
) -> tuple[list[str], ZoneInfo]:
    approved = await repo.approved_departments(profile.id)
    return approved, user_zone(roadmap, profile.timezone, approved)


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is looking at an activity: read once per update, passed to what shows it."""

    user_id: int
    is_admin: bool
    approved: list[str]  # departments the user reports for
    zone: ZoneInfo  # dates are shown in it

    @classmethod
    async def of(
        cls, repo: Repository, roadmap: Roadmap, profile: UserProfile, is_admin: bool
    ) -> Viewer:
        approved, zone = await approved_and_zone(repo, roadmap, profile)
        return cls(profile.id, is_admin, approved, zone)


# A button on a message older than 48 hours arrives with an InaccessibleMessage: it can
# be answered in its chat, but not read or edited.
AnyMessage = Message | InaccessibleMessage


async def show(
    message: AnyMessage,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    edit: bool = False,
) -> None:
    """Edit the bot's message in place (paging) or send a new one; never fail on a repeat."""
    if edit and isinstance(message, Message):
        try:
            await message.edit_text(text, reply_markup=markup)
            return
        except TelegramBadRequest as exc:
            if "not modified" in exc.message:
                return  # a double tap on the same page
            if "to edit not found" not in exc.message and "can't be edited" not in exc.message:
                raise
    await message.answer(text, reply_markup=markup)


def alert(callback_answer: CallbackAnswer, text: str) -> None:
    """Answer the button press with a pop-up (CallbackAnswerMiddleware sends it)."""
    callback_answer.text = text
    callback_answer.show_alert = True


async def drop_buttons(message: AnyMessage) -> None:
    """Take the keyboard off a message whose step is over, so it cannot be pressed again."""
    if not isinstance(message, Message) or message.reply_markup is None:
        return
    # already without buttons, or too old to edit: the server-side checks still hold
    with contextlib.suppress(TelegramBadRequest):
        await message.edit_reply_markup(reply_markup=None)


async def send_all(
    message: AnyMessage, texts: list[str], markup: InlineKeyboardMarkup | None = None
) -> None:
    """Several messages in order; the keyboard goes with the last."""
    for n, text in enumerate(texts, start=1):
        await message.answer(text, reply_markup=markup if n == len(texts) else None)


async def unknown_item(
    message: AnyMessage, t: Texts, roadmap: Roadmap, approved: list[str], code: str
) -> None:
    """Say the code is not in the roadmap, and list the user's own codes."""
    text = t("item-unknown", code=code[:20])
    own = [item.code for item in user_items(roadmap, approved)]
    if own:
        text += "\n" + t("item-yours", codes=", ".join(own))
    await message.answer(text)


async def resolve_item(
    message: AnyMessage, t: Texts, roadmap: Roadmap, approved: list[str], argument: str | None
) -> Item | None:
    """The item named by a command argument, or None after telling the user what is wrong."""
    if not argument or not argument.strip():
        await message.answer(t("item-usage"))
        return None
    code = normalize_code(argument.split()[0])
    item = roadmap.item(code) if looks_like_code(code) else None
    if item is None:
        await unknown_item(message, t, roadmap, approved, code)
    return item


class KnownItem(Filter):
    """Lets through a button about an activity still in the roadmap, giving it as `item`
    (and the message the button is on as `message`).

    A button for an activity a new roadmap dropped (or crafted with any code) fails this
    filter and reaches the fallback, which says the button is outdated.
    """

    async def __call__(
        self, query: CallbackQuery, callback_data: CallbackData, roadmap: Roadmap
    ) -> bool | dict[str, object]:
        item = roadmap.item(getattr(callback_data, "code", ""))
        if item is None or query.message is None:
            return False
        return {"item": item, "message": query.message}
