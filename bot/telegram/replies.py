"""Sending screens: as answers, as edits in place (paging), as pop-ups on a button."""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import Sequence

from aiogram.exceptions import TelegramBadRequest, TelegramRetryAfter
from aiogram.types import InaccessibleMessage, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.telegram.views.common import Screen

# A button on a message older than 48 hours arrives with an InaccessibleMessage: it can
# be answered in its chat, but not read or edited.
AnyMessage = Message | InaccessibleMessage


async def answer(message: AnyMessage, screen: Screen | Sequence[Screen]) -> None:
    """Send one screen, or several in order."""
    for one in [screen] if isinstance(screen, Screen) else screen:
        await message.answer(one.text, reply_markup=one.markup)


async def show(message: AnyMessage, screen: Screen, *, edit: bool = False) -> None:
    """Edit the bot's message in place (paging) or send a new one; never fail on a repeat."""
    if edit and isinstance(message, Message):
        if shows(message, screen):
            return  # a double tap on the same page: Telegram would answer "not modified"
        try:
            await message.edit_text(screen.text, reply_markup=screen.markup)
            return
        except TelegramBadRequest as exc:
            if "not modified" in exc.message:
                return  # a double tap on the same page
            if "to edit not found" not in exc.message and "can't be edited" not in exc.message:
                raise
        except TelegramRetryAfter:
            pass  # the chat is flood-waited: a new message can wait in the outbox, an edit not
    await message.answer(screen.text, reply_markup=screen.markup)


_TAG = re.compile(r"<[^>]+>")


def shows(message: Message, screen: Screen) -> bool:
    """Does the message already show this screen (the same text and the same buttons)?"""
    plain = html.unescape(_TAG.sub("", screen.text))
    if message.text != plain:
        return False
    shown, wanted = message.reply_markup, screen.markup
    if shown is None or wanted is None:
        return shown is wanted
    # field by field: a markup parsed from Telegram's answer is not == one built here
    return shown.model_dump(exclude_none=True) == wanted.model_dump(exclude_none=True)


def alert(callback_answer: CallbackAnswer, text: str) -> None:
    """Answer the button press with a pop-up (CallbackAnswerMiddleware sends it)."""
    callback_answer.text = text
    callback_answer.show_alert = True


def toast(callback_answer: CallbackAnswer, text: str) -> None:
    """Answer the button press with a short note that goes away by itself."""
    callback_answer.text = text


async def drop_buttons(message: AnyMessage) -> None:
    """Take the keyboard off a message whose step is over, so it cannot be pressed again."""
    if not isinstance(message, Message) or message.reply_markup is None:
        return
    # already without buttons, too old to edit, or the chat flood-waited: the buttons are
    # only a convenience, the server-side checks still hold
    with contextlib.suppress(TelegramBadRequest, TelegramRetryAfter):
        await message.edit_reply_markup(reply_markup=None)
