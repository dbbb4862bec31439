"""/offices: who is in each roadmap's office; global admins (ADMIN_IDS) add and remove them
(`/offices 2 add 123456789`, `/offices 2 remove 123456789`, or «Убрать» on the list; `/offices
2 add` lists the people who wrote to the bot, to pick one). Everyone else is told it is for
admins."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.access import Viewer
from bot.services.offices import Mistake, OfficeChange, Outcome, RoadmapOffices, parse_change
from bot.telegram.callbacks import OfficeAddCD, OfficeCD
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
    router.callback_query.register(pick, OfficeAddCD.filter(), IsAdmin())
    router.message.register(admin_only, Command("offices"), ~IsAdmin())
    for button in (OfficeCD, OfficeAddCD):
        router.callback_query.register(admin_only, button.filter(), ~IsAdmin())
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
    if isinstance(asked, Mistake):
        await answer(message, views.mistake(ui, asked))
        return
    if asked.user_id is None:  # whom: picked from the people who wrote to the bot
        found = await offices.candidates(asked.number)
        if found is None:
            await answer(message, views.no_roadmap(ui, asked.number))
        else:
            await answer(message, views.candidates(ui, found))
        return
    change = await (offices.add if asked.action == "add" else offices.remove)(
        viewer.user_id, asked.number, asked.user_id
    )
    await _changed(message, ui, offices, change)


async def _changed(
    reply_to: AnyMessage, ui: Ui, offices: RoadmapOffices, change: OfficeChange
) -> None:
    """What the change did; the list as it is now, if it changed; the new member told."""
    await answer(reply_to, Screen(views.changed(ui, change)))
    if change.outcome in (Outcome.ADDED, Outcome.REMOVED):
        await answer(reply_to, views.listing(ui, await offices.offices()))
    await offices.tell(change)


async def pick(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: OfficeAddCD,
    ui: Ui,
    viewer: Viewer,
    offices: RoadmapOffices,
    callback_answer: CallbackAnswer,
) -> None:
    """A person picked: added (the list of people stays, for the next one); or another
    page of people."""
    if callback_data.user:
        change = await offices.add(viewer.user_id, callback_data.roadmap, callback_data.user)
        if change.outcome is Outcome.ADDED:
            await _changed(reply_to, ui, offices, change)
        else:  # in the office already, or the roadmap gone
            alert(callback_answer, views.changed(ui, change, popup=True))
        return
    found = await offices.candidates(callback_data.roadmap, callback_data.page)
    if found is None:
        alert(callback_answer, views.changed_gone(ui, callback_data.roadmap))
        return
    await show(reply_to, views.candidates(ui, found), edit=True)


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
            toast(callback_answer, views.changed(ui, change, popup=True))
        else:
            alert(callback_answer, views.changed(ui, change, popup=True))
    screen = views.listing(ui, await offices.offices(), callback_data.page)
    await show(reply_to, screen, edit=True)


async def admin_only(event: TelegramObject, ui: Ui, callback_answer: CallbackAnswer | None = None):
    if callback_answer is not None:
        alert(callback_answer, office_views.admin_only(ui))
    elif isinstance(event, Message):
        await answer(event, Screen(office_views.admin_only(ui)))
