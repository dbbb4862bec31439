"""/offices: who is in each roadmap's office; global admins (ADMIN_IDS) add and remove them
(`/offices 2 add 123456789`, `/offices 2 remove 123456789`, or «Убрать» on the list).
Everyone else is told it is for admins."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.access import Viewer
from bot.services.offices import Outcome, RoadmapOffices, parse_change
from bot.telegram.callbacks import OfficeCD
from bot.telegram.filters import IsAdmin
from bot.telegram.replies import AnyMessage, alert, answer, show, toast
from bot.telegram.views import Ui
from bot.telegram.views import office as office_views
from bot.telegram.views import offices as views
from bot.telegram.views.common import Screen


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(office_list, Command("offices"), IsAdmin())
    router.callback_query.register(remove, OfficeCD.filter(), IsAdmin())
    router.message.register(admin_only, Command("offices"), ~IsAdmin())
    router.callback_query.register(admin_only, OfficeCD.filter(), ~IsAdmin())
    return router


async def office_list(
    message: Message,
    command: CommandObject,
    ui: Ui,
    viewer: Viewer,
    offices: RoadmapOffices,
) -> None:
    """The list; or a member added or removed, then the list as it is now."""
    if not command.args:
        await answer(message, views.listing(ui, await offices.offices()))
        return
    asked = parse_change(command.args)
    if asked is None:
        await answer(message, views.usage(ui))
        return
    number, action, user_id = asked
    change = await (offices.add if action == "add" else offices.remove)(
        viewer.user_id, number, user_id
    )
    await answer(message, Screen(views.changed(ui, change)))
    if change.outcome in (Outcome.ADDED, Outcome.REMOVED):
        await answer(message, views.listing(ui, await offices.offices()))
    await offices.tell(change)


async def remove(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: OfficeCD,
    ui: Ui,
    viewer: Viewer,
    offices: RoadmapOffices,
    callback_answer: CallbackAnswer,
) -> None:
    """«Убрать»: out of the office at once; the list comes back in place, without them.
    Or another page of the list."""
    if callback_data.user:
        change = await offices.remove(viewer.user_id, callback_data.roadmap, callback_data.user)
        if change.outcome is Outcome.REMOVED:
            toast(callback_answer, views.changed(ui, change))
        else:
            alert(callback_answer, views.changed(ui, change))
    screen = views.listing(ui, await offices.offices(), callback_data.page)
    await show(reply_to, screen, edit=True)


async def admin_only(event: TelegramObject, ui: Ui, callback_answer: CallbackAnswer | None = None):
    if callback_answer is not None:
        alert(callback_answer, office_views.admin_only(ui))
    elif isinstance(event, Message):
        await answer(event, Screen(office_views.admin_only(ui)))
