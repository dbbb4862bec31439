"""The year-end round: `/year` and the buttons of a reminder open the texts the annual
report will carry; each is confirmed with a tap, or typed anew (kept if too long, to be
saved shortened)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.access import Viewer
from bot.domain.reports import shortened
from bot.services.results import Reason, Refused
from bot.services.year_end import Confirmed, TextTooLong, YearEndService
from bot.telegram.callbacks import YearCD
from bot.telegram.dialogs import YearTextFlow
from bot.telegram.replies import AnyMessage, alert, answer, show
from bot.telegram.views import Ui
from bot.telegram.views import common as common_views
from bot.telegram.views import office as office_views
from bot.telegram.views import start as start_views
from bot.telegram.views import year_end as views

NOT_A_COMMAND = ~F.text.startswith("/")


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(year_command, Command("year"))
    button = router.callback_query.register
    button(open_card, YearCD.filter(F.action == "open"))
    button(confirm, YearCD.filter(F.action == "ok"))
    button(ask_text, YearCD.filter(F.action == "fix"))
    button(next_card, YearCD.filter(F.action == "next"))
    button(overview, YearCD.filter(F.action == "list"))
    button(save_shortened, YearCD.filter(F.action == "short"), YearTextFlow.text)
    router.message.register(text_typed, YearTextFlow.text, F.text, NOT_A_COMMAND)
    router.message.register(text_please, YearTextFlow.text, NOT_A_COMMAND)
    return router


async def year_command(
    message: Message, command: CommandObject, ui: Ui, viewer: Viewer, year_end: YearEndService
) -> None:
    """`/year` (the year being rounded off) or `/year 2021`."""
    year = year_end.year_asked(command.args)
    if year is None:
        await answer(message, office_views.bad_year(ui, year_end.years(), "year"))
        return
    await answer(message, views.first(ui, await year_end.round_of(viewer, year)))


async def open_card(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: YearCD,
    ui: Ui,
    viewer: Viewer,
    year_end: YearEndService,
    callback_answer: CallbackAnswer,
) -> None:
    """One text (from the list, in place), or the first still to check (from a reminder)."""
    found = await year_end.round_of(viewer, callback_data.year)
    if not callback_data.code:
        await answer(reply_to, views.first(ui, found))
        return
    entry = (
        None if isinstance(found, Refused) else found.entry(callback_data.code, callback_data.dep)
    )
    if isinstance(found, Refused) or entry is None:
        alert(callback_answer, common_views.outdated(ui))
        return
    await show(reply_to, views.card(ui, found, entry), edit=True)


async def confirm(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: YearCD,
    ui: Ui,
    viewer: Viewer,
    year_end: YearEndService,
) -> None:
    """Confirmed: the card turns into the next one to check."""
    data = callback_data
    result = await year_end.confirm(viewer, data.year, data.code, data.dep)
    if isinstance(result, Confirmed):
        await show(reply_to, views.confirmed(ui, result), edit=True)
    else:
        await answer(reply_to, views.problem(ui, result))


async def ask_text(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: YearCD,
    ui: Ui,
    viewer: Viewer,
    year_end: YearEndService,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    found = await year_end.round_of(viewer, callback_data.year)
    entry = (
        None if isinstance(found, Refused) else found.entry(callback_data.code, callback_data.dep)
    )
    if entry is None:
        alert(callback_answer, common_views.outdated(ui))
        return
    await state.set_state(YearTextFlow.text)
    await state.set_data({"year": entry.year, "code": entry.item.code, "dep": entry.department_id})
    await answer(reply_to, views.ask_text(ui, entry))


async def text_typed(
    message: Message, ui: Ui, viewer: Viewer, year_end: YearEndService, state: FSMContext
) -> None:
    """The text as the office should read it; one too long is kept, to be saved shortened."""
    data = await state.get_data()
    text = message.text or ""
    result = await year_end.confirm(viewer, data["year"], data["code"], data["dep"], text)
    if isinstance(result, TextTooLong):
        await state.update_data(long=text)
        tail = shortened(text.strip())[-80:].lstrip()
        screen = views.too_long(ui, data["year"], data["code"], data["dep"], result.length, tail)
        await answer(message, screen)
        return
    await finish(message, ui, state, result)


async def save_shortened(
    _: TelegramObject,
    reply_to: AnyMessage,
    ui: Ui,
    viewer: Viewer,
    year_end: YearEndService,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    text = shortened((data.get("long") or "").strip())
    result = await year_end.confirm(viewer, data["year"], data["code"], data["dep"], text)
    await finish(reply_to, ui, state, result)


async def finish(reply_to: AnyMessage, ui: Ui, state: FSMContext, result: object) -> None:
    """Saved (or refused for good): the typing is over."""
    if isinstance(result, Confirmed):
        await state.clear()
        await answer(reply_to, views.confirmed(ui, result))
        return
    if isinstance(result, Refused) and result.reason is not Reason.OUTDATED:
        await state.clear()
    await answer(reply_to, views.problem(ui, result))  # type: ignore[arg-type]


async def next_card(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: YearCD,
    ui: Ui,
    viewer: Viewer,
    year_end: YearEndService,
) -> None:
    found = await year_end.round_of(viewer, callback_data.year)
    if isinstance(found, Refused):
        await answer(reply_to, views.first(ui, found))
        return
    current = found.entry(callback_data.code, callback_data.dep)
    following = found.after(current)
    screen = views.card(ui, found, following) if following else views.overview(ui, found)
    await show(reply_to, screen, edit=True)


async def overview(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: YearCD,
    ui: Ui,
    viewer: Viewer,
    year_end: YearEndService,
) -> None:
    found = await year_end.round_of(viewer, callback_data.year)
    if isinstance(found, Refused):
        await answer(reply_to, views.first(ui, found))
        return
    await show(reply_to, views.overview(ui, found), edit=True)


async def text_please(message: Message, ui: Ui) -> None:
    await answer(message, start_views.send_text_please(ui))
