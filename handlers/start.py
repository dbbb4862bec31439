"""/start, /help, /cancel and the main menu's help button."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message, TelegramObject

from bot.domain.access import Viewer
from bot.services.items import ItemService
from bot.services.office import OfficeService
from bot.services.offices import RoadmapOffices
from bot.services.people import PeopleService
from bot.services.reminders import ReminderService
from bot.telegram.callbacks import MenuCD
from bot.telegram.replies import AnyMessage, answer
from bot.telegram.views import Ui
from bot.telegram.views import start as views


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(start, CommandStart())
    router.message.register(help_text, Command("help"))
    router.callback_query.register(help_text, MenuCD.filter(F.action == "help"))
    router.message.register(cancel, Command("cancel"))
    return router


async def start(
    message: Message,
    ui: Ui,
    viewer: Viewer,
    people: PeopleService,
    reminders: ReminderService,
    offices: RoadmapOffices,
    office: OfficeService,
) -> None:
    memberships = await people.memberships_of(viewer.user_id)
    inactive = reminders.inactive_years()
    names = offices.roadmap_names(viewer.user_id)
    year = _example_year(viewer, offices, office)
    await answer(
        message,
        views.start(ui, viewer.first_name, inactive, memberships, viewer.is_admin, names, year),
    )


async def help_text(
    _: TelegramObject,
    reply_to: AnyMessage,
    ui: Ui,
    viewer: Viewer,
    items: ItemService,
    offices: RoadmapOffices,
    office: OfficeService,
) -> None:
    names = offices.roadmap_names(viewer.user_id)
    year = _example_year(viewer, offices, office)
    example = items.example(viewer)
    await answer(reply_to, views.help_text(ui, example, viewer.is_admin, names, year))


def _example_year(viewer: Viewer, offices: RoadmapOffices, office: OfficeService) -> int:
    """For the office's commands: the year `/missing year` is about, of its roadmaps."""
    scope = offices.scope_of(viewer.user_id)
    return office.report_year(scope) if scope is None or scope else 0


async def cancel(message: Message, ui: Ui, state: FSMContext) -> None:
    anything = await state.get_state() is not None
    if anything:
        await state.clear()
    await answer(message, views.cancelled(ui, anything))
