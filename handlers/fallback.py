"""The catch-all: anything no other handler took gets a short hint instead of silence."""

from __future__ import annotations

from typing import Final

from aiogram import Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Texts
from handlers.shared import alert

router: Final[Router] = Router(name=__name__)


@router.message()
async def unknown_message(message: Message, t: Texts) -> None:
    await message.answer(t("unknown-input"))


@router.callback_query()
async def unknown_button(query: CallbackQuery, t: Texts, callback_answer: CallbackAnswer) -> None:
    """A button from an old message, a restart ago, or crafted: say so, never spin."""
    alert(callback_answer, t("button-outdated"))
