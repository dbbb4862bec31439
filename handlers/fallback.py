"""The catch-all: anything no other handler took gets a short hint instead of silence."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.access import Viewer
from bot.services.items import ItemService
from bot.telegram.replies import alert, answer
from bot.telegram.views import Ui
from bot.telegram.views import common as common_views
from bot.telegram.views import start as views


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(unknown_message)
    router.callback_query.register(unknown_button)
    return router


async def unknown_message(message: Message, ui: Ui, viewer: Viewer, items: ItemService) -> None:
    """A hint that fits: how to report on the activity the message names, how to attach a
    file; or where the menu and the commands are."""
    about = items.mentioned(viewer, message.text or message.caption)
    has_file = bool(message.photo or message.document)
    await answer(message, views.unknown_input(ui, about, has_file, items.example(viewer)))


async def unknown_button(_: TelegramObject, ui: Ui, callback_answer: CallbackAnswer) -> None:
    """A button from an old message, a restart ago, or crafted: say so, never spin."""
    alert(callback_answer, common_views.outdated(ui))
