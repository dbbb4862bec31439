"""/my_items, activity cards (/item 4.1), /history with paging, and attached evidence."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.access import Viewer
from bot.domain.roadmap import Item
from bot.services.items import ItemService
from bot.services.results import Refused
from bot.telegram.callbacks import HistCD, ItemCD, MenuCD, MyItemsCD, UpdCD
from bot.telegram.filters import KnownItem
from bot.telegram.replies import AnyMessage, alert, answer, show
from bot.telegram.views import Ui
from bot.telegram.views import common as common_views
from bot.telegram.views import items as views


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(my_items, Command("my_items", ignore_case=True))
    router.callback_query.register(my_items, MenuCD.filter(F.action == "items"))
    router.callback_query.register(my_items_page, MyItemsCD.filter())
    router.message.register(item_command, Command("item", ignore_case=True))
    router.callback_query.register(card, ItemCD.filter(F.action == "card"), KnownItem())
    router.message.register(history_command, Command("history", ignore_case=True))
    router.callback_query.register(history, ItemCD.filter(F.action == "hist"), KnownItem())
    router.callback_query.register(history_page, HistCD.filter(F.page >= 1), KnownItem())
    router.callback_query.register(evidence, UpdCD.filter(F.action == "file"))
    return router


async def my_items(
    _: TelegramObject, reply_to: AnyMessage, ui: Ui, viewer: Viewer, items: ItemService
) -> None:
    screen = views.my_items(ui, await items.my_items(viewer))
    assert screen is not None, "there is always a first page"
    await answer(reply_to, screen)


async def my_items_page(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: MyItemsCD,
    ui: Ui,
    viewer: Viewer,
    items: ItemService,
    callback_answer: CallbackAnswer,
) -> None:
    """Paging edits the list in place."""
    screen = views.my_items(ui, await items.my_items(viewer), callback_data.page)
    if screen is None:
        alert(callback_answer, common_views.outdated(ui))
        return
    await show(reply_to, screen, edit=True)


async def item_command(
    message: Message, command: CommandObject, ui: Ui, viewer: Viewer, items: ItemService
) -> None:
    await answer(message, views.card(ui, await items.card_of(viewer, command.args)))


async def card(
    _: TelegramObject, reply_to: AnyMessage, item: Item, ui: Ui, viewer: Viewer, items: ItemService
) -> None:
    await answer(reply_to, views.card(ui, await items.card(viewer, item)))


async def history_command(
    message: Message, command: CommandObject, ui: Ui, viewer: Viewer, items: ItemService
) -> None:
    await answer(message, views.history(ui, await items.history_of(viewer, command.args)))


async def history(
    _: TelegramObject, reply_to: AnyMessage, item: Item, ui: Ui, viewer: Viewer, items: ItemService
) -> None:
    await answer(reply_to, views.history(ui, await items.history(viewer, item, 1)))


async def history_page(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: HistCD,
    item: Item,
    ui: Ui,
    viewer: Viewer,
    items: ItemService,
) -> None:
    """Paging edits the page in place; a refusal comes as a message of its own."""
    page = await items.history(viewer, item, callback_data.page)
    await show(reply_to, views.history(ui, page), edit=not isinstance(page, Refused))


async def evidence(
    _: TelegramObject,
    callback_data: UpdCD,
    ui: Ui,
    viewer: Viewer,
    items: ItemService,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    """The document or photo attached to a report, sent to the viewer's chat."""
    report = await items.evidence(viewer, callback_data.id)
    if isinstance(report, Refused):
        alert(callback_answer, common_views.refused(ui.t, report).text)
        return
    assert report.evidence is not None
    send = bot.send_photo if report.evidence.kind == "photo" else bot.send_document
    await send(viewer.user_id, report.evidence.file_id, caption=f"#{report.id}")
