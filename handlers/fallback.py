"""The catch-all: anything no other handler took gets a short hint instead of silence."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from bot.telegram.replies import alert, answer
from bot.telegram.views import Ui
from bot.telegram.views import common as common_views
from bot.telegram.views import start as views


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(unknown_message)
    router.callback_query.register(unknown_button)
    return router


async def unknown_message(message: Message, ui: Ui) -> None:
    await answer(message, views.unknown_input(ui))


async def unknown_button(_: TelegramObject, ui: Ui, callback_answer: CallbackAnswer) -> None:
    """A button from an old message, a restart ago, or crafted: say so, never spin."""
    alert(callback_answer, common_views.outdated(ui))
