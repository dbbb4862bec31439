"""Status reports: /update (the dialog or one message), the dialog's steps, No change,
and editing or withdrawing one's own report."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import Message, TelegramObject, Update
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.access import Viewer
from bot.domain.reports import Evidence
from bot.domain.roadmap import Item
from bot.domain.statuses import Status
from bot.services.items import ItemService
from bot.services.ports import StorageUnavailable
from bot.services.reporting import ReportDraft, ReportingService, check_comment
from bot.services.results import Refused
from bot.telegram.callbacks import DraftCD, ItemCD, MenuCD, UpdCD
from bot.telegram.dialogs import ReportFlow, keep_draft
from bot.telegram.filters import CurrentDraft, DialogDraft, KnownItem
from bot.telegram.replies import AnyMessage, alert, answer, drop_buttons, show
from bot.telegram.views import Ui
from bot.telegram.views import common as common_views
from bot.telegram.views import reporting as views
from bot.telegram.views import start as start_views

NOT_A_COMMAND = ~F.text.startswith("/")
STATUSES = {status.value for status in Status}


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(update_command, Command("update"))
    router.callback_query.register(pick_item, MenuCD.filter(F.action == "report"))
    router.callback_query.register(begin, ItemCD.filter(F.action == "report"), KnownItem())
    router.callback_query.register(no_change, ItemCD.filter(F.action == "same"), KnownItem())
    dialog = DraftCD.filter
    router.callback_query.register(
        department_chosen, dialog(F.action == "dep"), CurrentDraft(ReportFlow.department)
    )
    router.callback_query.register(
        status_chosen,
        dialog((F.action == "status") & F.value.in_(STATUSES)),
        CurrentDraft(ReportFlow.status),
    )
    router.callback_query.register(
        comment_skipped, dialog(F.action == "skip"), CurrentDraft(ReportFlow.comment)
    )
    router.callback_query.register(
        evidence_skipped, dialog(F.action == "skip"), CurrentDraft(ReportFlow.evidence)
    )
    router.callback_query.register(
        confirmed, dialog(F.action == "confirm"), CurrentDraft(ReportFlow.confirm)
    )
    router.callback_query.register(
        cancelled, dialog(F.action == "cancel"), CurrentDraft(*ReportFlow.__states__)
    )
    router.message.register(comment_text, ReportFlow.comment, F.text, NOT_A_COMMAND, DialogDraft())
    router.message.register(text_please, ReportFlow.comment, ~F.text)
    router.message.register(evidence_file, ReportFlow.evidence, F.document | F.photo, DialogDraft())
    router.message.register(file_please, ReportFlow.evidence, NOT_A_COMMAND)
    for step in (ReportFlow.department, ReportFlow.status, ReportFlow.confirm):
        router.message.register(use_the_buttons, step, NOT_A_COMMAND)
    router.callback_query.register(edit, UpdCD.filter(F.action == "edit"))
    router.callback_query.register(withdraw_ask, UpdCD.filter(F.action == "withdraw"))
    router.callback_query.register(withdraw, UpdCD.filter(F.action == "withdraw_yes"))
    return router


# --- starting ------------------------------------------------------------------------------


async def update_command(
    message: Message,
    command: CommandObject,
    ui: Ui,
    viewer: Viewer,
    reporting: ReportingService,
    state: FSMContext,
    event_update: Update,
) -> None:
    result = await reporting.from_command(viewer, command.args, event_update.update_id)
    if isinstance(result, ReportDraft):
        await keep_draft(state, result)
    await answer(message, views.command_result(ui, result))


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
    state: FSMContext,
) -> None:
    draft = reporting.begin(viewer, item)
    if isinstance(draft, ReportDraft):
        await keep_draft(state, draft)
    await answer(reply_to, views.started(ui, draft))


# --- the dialog's steps --------------------------------------------------------------------


async def department_chosen(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: DraftCD,
    draft: ReportDraft,
    ui: Ui,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    if callback_data.value not in draft.departments:
        alert(callback_answer, common_views.outdated(ui))
        return
    draft.department = callback_data.value
    await keep_draft(state, draft)
    await answer(reply_to, views.next_step(ui, draft))


async def status_chosen(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: DraftCD,
    draft: ReportDraft,
    ui: Ui,
    state: FSMContext,
) -> None:
    draft.status = callback_data.value
    await keep_draft(state, draft, ReportFlow.comment)
    await answer(reply_to, views.ask_comment(ui, draft))


async def comment_text(message: Message, draft: ReportDraft, ui: Ui, state: FSMContext) -> None:
    text = (message.text or "").strip()
    if not text:
        await answer(message, start_views.send_text_please(ui))
        return
    await after_comment(message, draft, text, ui, state)


async def comment_skipped(
    _: TelegramObject, reply_to: AnyMessage, draft: ReportDraft, ui: Ui, state: FSMContext
) -> None:
    await after_comment(reply_to, draft, "", ui, state)


async def after_comment(
    reply_to: AnyMessage, draft: ReportDraft, comment: str, ui: Ui, state: FSMContext
) -> None:
    """A comment that is too long, or missing where the status needs one, is asked again;
    otherwise the dialog asks for evidence (an edit keeps the report's own, if any)."""
    assert draft.status is not None, "the comment step comes after the status"
    problem = check_comment(Status(draft.status), comment)
    if problem is not None:
        await answer(reply_to, views.comment_problem(ui, problem))
        return
    draft.comment = comment
    if draft.editing is not None:
        await keep_draft(state, draft, ReportFlow.confirm)
        await answer(reply_to, views.confirm(ui, draft))
        return
    await keep_draft(state, draft, ReportFlow.evidence)
    await answer(reply_to, views.ask_evidence(ui, draft))


async def evidence_file(message: Message, draft: ReportDraft, ui: Ui, state: FSMContext) -> None:
    if message.document:
        document = message.document
        draft.evidence = Evidence.of("document", document.file_id, document.file_name)
    else:
        assert message.photo
        draft.evidence = Evidence.of("photo", message.photo[-1].file_id)
    await keep_draft(state, draft, ReportFlow.confirm)
    await answer(message, views.confirm(ui, draft))


async def evidence_skipped(
    _: TelegramObject, reply_to: AnyMessage, draft: ReportDraft, ui: Ui, state: FSMContext
) -> None:
    await keep_draft(state, draft, ReportFlow.confirm)
    await answer(reply_to, views.confirm(ui, draft))


async def confirmed(
    _: TelegramObject,
    reply_to: AnyMessage,
    draft: ReportDraft,
    ui: Ui,
    viewer: Viewer,
    reporting: ReportingService,
    state: FSMContext,
) -> None:
    """Saved: the dialog ends. Not saved for a reason of the storage's (busy, disk full):
    the dialog stays at this step, with a button to try again."""
    try:
        result = await reporting.submit(viewer, draft)
    except StorageUnavailable as exc:
        await answer(reply_to, views.not_saved(ui, draft, exc.reason))
        return
    await drop_buttons(reply_to)
    await state.clear()
    await answer(reply_to, views.outcome(ui, result))


async def cancelled(_: TelegramObject, reply_to: AnyMessage, ui: Ui, state: FSMContext) -> None:
    await drop_buttons(reply_to)
    await state.clear()
    await answer(reply_to, start_views.cancelled(ui, True))


async def text_please(message: Message, ui: Ui) -> None:
    await answer(message, start_views.send_text_please(ui))


async def file_please(message: Message, ui: Ui) -> None:
    await answer(message, views.send_file_please(ui))


async def use_the_buttons(message: Message, ui: Ui) -> None:
    await answer(message, start_views.use_buttons(ui))


# --- no change, edit, withdraw -------------------------------------------------------------


async def no_change(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: ItemCD,
    item: Item,
    ui: Ui,
    viewer: Viewer,
    reporting: ReportingService,
) -> None:
    result = await reporting.carry_forward(viewer, item, callback_data.dep)
    await answer(reply_to, views.carried(ui, result))


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
    await answer(reply_to, views.next_step(ui, draft))


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
