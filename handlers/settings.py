"""/settings: language, time zone, pausing reminders (vacation), counterpart notices."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.access import Viewer
from bot.i18n import Translator
from bot.services.people import PeopleService
from bot.telegram.callbacks import MenuCD, SetCD
from bot.telegram.dialogs import SettingsFlow
from bot.telegram.replies import AnyMessage, alert, answer, show, toast
from bot.telegram.views import Ui
from bot.telegram.views import common as common_views
from bot.telegram.views import settings as views


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(settings, Command("settings"))
    router.callback_query.register(settings, MenuCD.filter(F.action == "settings"))
    router.callback_query.register(
        ask_pause_date, SetCD.filter((F.key == "pause") & (F.value == "date"))
    )
    router.callback_query.register(change, SetCD.filter())
    router.message.register(pause_until, SettingsFlow.pause_until, F.text, ~F.text.startswith("/"))
    router.message.register(not_a_date, SettingsFlow.pause_until, ~F.text)
    return router


async def settings(
    _: TelegramObject, reply_to: AnyMessage, ui: Ui, viewer: Viewer, people: PeopleService
) -> None:
    await answer(reply_to, views.settings(ui, await people.settings(viewer.user_id)))


async def ask_pause_date(
    _: TelegramObject,
    reply_to: AnyMessage,
    ui: Ui,
    viewer: Viewer,
    people: PeopleService,
    state: FSMContext,
) -> None:
    await state.set_state(SettingsFlow.pause_until)
    await answer(reply_to, views.ask_pause_date(ui, people.pause_example(viewer)))


async def change(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: SetCD,
    ui: Ui,
    viewer: Viewer,
    people: PeopleService,
    translator: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """A settings button: applied, and the screen redrawn in place (in the new language)."""
    if not await people.change(viewer, callback_data.key, callback_data.value):
        alert(callback_answer, common_views.outdated(ui))
        return
    current = await people.settings(viewer.user_id)
    ui = Ui(translator.for_locale(current.person.locale), ui.roadmap, current.zone)
    toast(callback_answer, views.saved(ui).text)
    await show(reply_to, views.settings(ui, current), edit=True)


async def pause_until(
    message: Message, ui: Ui, viewer: Viewer, people: PeopleService, state: FSMContext
) -> None:
    if await people.pause_until(viewer, message.text or "") is None:
        await answer(message, views.bad_pause_date(ui, people.pause_example(viewer)))
        return
    await state.clear()
    await answer(
        message, [views.saved(ui), views.settings(ui, await people.settings(viewer.user_id))]
    )


async def not_a_date(message: Message, ui: Ui, viewer: Viewer, people: PeopleService) -> None:
    await answer(message, views.bad_pause_date(ui, people.pause_example(viewer)))
