"""Starting a status report (/update, a button, or a message such as `5.1 выполнено: …`),
"no change" for one activity or all, and editing or withdrawing one's own report."""

from __future__ import annotations

import secrets

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, TelegramObject, Update
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.access import Viewer
from bot.domain.catalog import typed_code
from bot.domain.quick_report import looks_like_quick_report
from bot.domain.reports import Evidence
from bot.domain.roadmap import Item
from bot.services.drafts import ReportDraft
from bot.services.items import Ambiguous, ItemService
from bot.services.no_change import NoChangeService
from bot.services.reporting import CommandResult, ReportingService, Saved
from bot.services.results import Reason, Refused
from bot.telegram.callbacks import ItemCD, MenuCD, SameAllCD, UpdCD, WhichCD
from bot.telegram.dialogs import ReportSteps, ReportStepsMiddleware, evidence_of, keep_draft
from bot.telegram.filters import KnownItem
from bot.telegram.replies import AnyMessage, alert, answer, show
from bot.telegram.views import Ui
from bot.telegram.views import common as common_views
from bot.telegram.views import reporting as views


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.middleware(ReportStepsMiddleware())
    router.message.middleware(ReportStepsMiddleware())
    router.message.register(update_command, Command("update", ignore_case=True))
    router.message.register(update_typed, StateFilter(None), F.text.func(looks_like_quick_report))
    router.callback_query.register(pick_item, MenuCD.filter(F.action == "report"))
    router.callback_query.register(which_roadmap, WhichCD.filter())
    router.callback_query.register(begin, ItemCD.filter(F.action == "report"), KnownItem())
    router.callback_query.register(no_change, ItemCD.filter(F.action == "same"), KnownItem())
    router.callback_query.register(no_change_all, SameAllCD.filter(~F.go))
    router.callback_query.register(no_change_all_confirmed, SameAllCD.filter(F.go))
    router.callback_query.register(edit, UpdCD.filter(F.action == "edit"))
    router.callback_query.register(withdraw_ask, UpdCD.filter(F.action == "withdraw"))
    router.callback_query.register(withdraw, UpdCD.filter(F.action == "withdraw_yes"))
    router.callback_query.register(withdraw_kept, UpdCD.filter(F.action == "withdraw_no"))
    return router


# --- starting ------------------------------------------------------------------------------


async def update_command(
    message: Message,
    command: CommandObject,
    viewer: Viewer,
    reporting: ReportingService,
    steps: ReportSteps,
    event_update: Update,
    state: FSMContext,
) -> None:
    """`/update …`, also as the caption of a photo or document (then its evidence)."""
    evidence = evidence_of(message) if message.photo or message.document else None
    update_id = event_update.update_id
    result = await reporting.from_command(viewer, command.args, update_id, evidence=evidence)
    await report_from(message, result, viewer, reporting, steps, state, update_id, True, evidence)


async def update_typed(
    message: Message,
    viewer: Viewer,
    reporting: ReportingService,
    steps: ReportSteps,
    event_update: Update,
    state: FSMContext,
) -> None:
    """`5.1 выполнено: …` typed without the command: the same report, shown to confirm
    (plain text may be a remark rather than a report)."""
    update_id = event_update.update_id
    result = await reporting.from_command(viewer, message.text, update_id, at_once=False)
    await report_from(message, result, viewer, reporting, steps, state, update_id, False)


async def report_from(
    message: AnyMessage,
    result: CommandResult,
    viewer: Viewer,
    reporting: ReportingService,
    steps: ReportSteps,
    state: FSMContext,
    update_id: int,
    at_once: bool = True,
    evidence: Evidence | None = None,
) -> None:
    if isinstance(result, ReportDraft):
        await steps.begin(result)
    elif isinstance(result, Saved):
        await steps.done(result)
    else:
        ask = ""
        if isinstance(result, Ambiguous) and result.rest:  # kept for the tap on a roadmap
            ask = secrets.token_hex(3)
            attached = [evidence.kind, evidence.file_id, evidence.name] if evidence else None
            await state.update_data(which=[ask, result.rest, update_id, at_once, attached])
        example = reporting.example(viewer)
        await answer(message, views.command_result(steps.ui, result, example, ask))


async def which_roadmap(
    _: CallbackQuery,
    reply_to: AnyMessage,
    callback_data: WhichCD,
    viewer: Viewer,
    reporting: ReportingService,
    steps: ReportSteps,
    state: FSMContext,
) -> None:
    """The roadmap picked for `/update 4.1 …`: the report goes on with what was typed."""
    kept = (await state.get_data()).get("which")
    item = reporting.roadmap.item(callback_data.code)
    if not kept or kept[0] != callback_data.ask or item is None:
        await answer(reply_to, views.command_result(steps.ui, Refused(Reason.OUTDATED), ""))
        return
    _, rest, update_id, at_once, attached = kept
    await state.update_data(which=None)
    evidence = Evidence(*attached) if attached else None  # the photo or file it came with
    typed = f"{typed_code(item)} {rest}"  # names the roadmap, whichever it is
    result = await reporting.from_command(
        viewer, typed, update_id, at_once=at_once, evidence=evidence
    )
    await report_from(
        reply_to, result, viewer, reporting, steps, state, update_id, at_once, evidence
    )


async def pick_item(
    _: TelegramObject, reply_to: AnyMessage, ui: Ui, viewer: Viewer, items: ItemService
) -> None:
    await answer(reply_to, views.pick_item(ui, items.own_items(viewer)))


async def begin(
    _: TelegramObject,
    reply_to: AnyMessage,
    item: Item,
    ui: Ui,
    viewer: Viewer,
    reporting: ReportingService,
    steps: ReportSteps,
) -> None:
    """From a reminder or the list: the status choice at once (or the department first);
    a draft still open on the activity goes on where it stopped."""
    draft = reporting.begin(viewer, item)
    if isinstance(draft, ReportDraft):
        await steps.begin(draft)
    else:
        await answer(reply_to, views.started(ui, draft))


# --- no change -----------------------------------------------------------------------------


async def no_change(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: ItemCD,
    item: Item,
    ui: Ui,
    viewer: Viewer,
    no_change: NoChangeService,
) -> None:
    result = await no_change.carry_forward(viewer, item, callback_data.dep)
    await answer(reply_to, views.carried(ui, result))


async def no_change_all(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: SameAllCD,
    ui: Ui,
    viewer: Viewer,
    no_change: NoChangeService,
) -> None:
    """What "no change for all" would mark, each with its status, and one button to do it."""
    preview = await no_change.preview_all(viewer)
    await answer(reply_to, views.carry_all_ask(ui, preview, callback_data.quarter))


async def no_change_all_confirmed(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: SameAllCD,
    ui: Ui,
    viewer: Viewer,
    no_change: NoChangeService,
) -> None:
    result = await no_change.carry_all(viewer, callback_data.quarter)
    await show(reply_to, views.carried_all(ui, result), edit=True)


# --- edit, withdraw ------------------------------------------------------------------------


async def edit(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: UpdCD,
    ui: Ui,
    viewer: Viewer,
    reporting: ReportingService,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    draft = await reporting.begin_edit(viewer.user_id, callback_data.id)
    if isinstance(draft, Refused):
        alert(callback_answer, common_views.refused(ui.t, draft).text)
        return
    await keep_draft(state, draft)
    await answer(reply_to, views.step(ui, draft))


async def withdraw_ask(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: UpdCD,
    ui: Ui,
    viewer: Viewer,
    reporting: ReportingService,
    callback_answer: CallbackAnswer,
) -> None:
    report = await reporting.own_report(viewer.user_id, callback_data.id)
    if isinstance(report, Refused):
        alert(callback_answer, common_views.refused(ui.t, report).text)
        return
    await answer(reply_to, views.withdraw_ask(ui, report))


async def withdraw(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: UpdCD,
    ui: Ui,
    viewer: Viewer,
    reporting: ReportingService,
    callback_answer: CallbackAnswer,
) -> None:
    result = await reporting.withdraw(viewer.user_id, callback_data.id)
    if isinstance(result, Refused):
        alert(callback_answer, common_views.refused(ui.t, result).text)
    elif result is not None:
        await show(reply_to, views.withdrawn(ui, result), edit=True)


async def withdraw_kept(
    _: TelegramObject, reply_to: AnyMessage, callback_data: UpdCD, ui: Ui
) -> None:
    await show(reply_to, views.withdraw_kept(ui, callback_data.id), edit=True)
