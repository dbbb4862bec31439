"""The catch-all: anything no other handler took gets a short hint instead of silence."""

from __future__ import annotations

from typing import Final

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot.i18n import Texts

router: Final[Router] = Router(name=__name__)


@router.message()
async def unknown_message(message: Message, t: Texts) -> None:
    await message.answer(t("unknown-input"))


@router.callback_query(F.data)
async def unknown_button(query: CallbackQuery, t: Texts) -> None:
    await query.answer(t("button-outdated"), show_alert=True)
