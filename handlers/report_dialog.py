"""The status report dialog's steps: department, status, comment, confirmation, and a file
when asked for. Nothing typed is lost: a caption is the comment, a comment too long is kept
until shortened or replaced, text at the confirmation corrects the comment."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.access import Viewer
from bot.domain.reports import Evidence
from bot.domain.statuses import Status
from bot.services.drafts import CommentTooLong, ReportDraft, Typed
from bot.services.ports import StorageUnavailable
from bot.services.reporting import ReportingService
from bot.telegram.callbacks import DraftCD
from bot.telegram.dialogs import ReportFlow, keep_draft
from bot.telegram.filters import CurrentDraft, DialogDraft
from bot.telegram.replies import AnyMessage, alert, answer, drop_buttons
from bot.telegram.views import Ui
from bot.telegram.views import common as common_views
from bot.telegram.views import reporting as views
from bot.telegram.views import start as start_views

NOT_A_COMMAND = ~F.text.startswith("/")
STATUSES = {status.value for status in Status}
FILE = F.document | F.photo
VOICE = F.voice | F.video_note | F.audio


def create_router() -> Router:
    router = Router(name=__name__)
    on = DraftCD.filter
    button = router.callback_query.register
    button(department_chosen, on(F.action == "dep"), CurrentDraft(ReportFlow.department))
    button(
        status_chosen,
        on((F.action == "status") & F.value.in_(STATUSES)),
        CurrentDraft(ReportFlow.status),
    )
    # "skip" is the button both steps had before: a dialog begun then still works
    button(no_comment, on(F.action.in_({"nocomment", "skip"})), CurrentDraft(ReportFlow.comment))
    button(keep_comment, on(F.action == "keep"), CurrentDraft(ReportFlow.comment))
    button(shorten, on(F.action == "shorten"), CurrentDraft(ReportFlow.comment))
    button(attach, on(F.action == "attach"), CurrentDraft(ReportFlow.confirm))
    button(no_file, on(F.action.in_({"nofile", "skip"})), CurrentDraft(ReportFlow.evidence))
    button(confirmed, on(F.action == "confirm"), CurrentDraft(ReportFlow.confirm))
    button(cancelled, on(F.action == "cancel"), CurrentDraft(*ReportFlow.__states__))
    message = router.message.register
    message(status_typed, ReportFlow.status, F.text, NOT_A_COMMAND, DialogDraft())
    # text at the comment step, and at the confirmation or the file step, is the comment
    for step in (ReportFlow.comment, ReportFlow.confirm, ReportFlow.evidence):
        message(comment_typed, step, F.text, NOT_A_COMMAND, DialogDraft())
    for step in (ReportFlow.status, ReportFlow.comment, ReportFlow.confirm, ReportFlow.evidence):
        message(file_sent, step, FILE, DialogDraft())
        message(voice_sent, step, VOICE)
    message(text_please, ReportFlow.comment, ~F.text)
    message(file_please, ReportFlow.evidence, NOT_A_COMMAND, DialogDraft())
    for step in (ReportFlow.department, ReportFlow.status, ReportFlow.confirm):
        message(use_the_buttons, step, NOT_A_COMMAND)
    return router


async def advance(reply_to: AnyMessage, ui: Ui, state: FSMContext, draft: ReportDraft) -> None:
    """Keep the draft and ask for what it needs next."""
    await keep_draft(state, draft)
    await answer(reply_to, views.step(ui, draft))


# --- buttons -------------------------------------------------------------------------------


async def department_chosen(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: DraftCD,
    draft: ReportDraft,
    ui: Ui,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    if not draft.choose_department(callback_data.value):
        alert(callback_answer, common_views.outdated(ui))
        return
    await advance(reply_to, ui, state, draft)


async def status_chosen(
    _: TelegramObject,
    reply_to: AnyMessage,
    callback_data: DraftCD,
    draft: ReportDraft,
    ui: Ui,
    state: FSMContext,
) -> None:
    draft.choose_status(Status(callback_data.value))
    await advance(reply_to, ui, state, draft)


async def no_comment(
    _: TelegramObject, reply_to: AnyMessage, draft: ReportDraft, ui: Ui, state: FSMContext
) -> None:
    problem = draft.no_comment()
    if problem is not None:
        await answer(reply_to, views.comment_problem(ui, problem))
        return
    await advance(reply_to, ui, state, draft)


async def keep_comment(
    _: TelegramObject, reply_to: AnyMessage, draft: ReportDraft, ui: Ui, state: FSMContext
) -> None:
    draft.keep_comment()
    await advance(reply_to, ui, state, draft)


async def shorten(
    _: TelegramObject, reply_to: AnyMessage, draft: ReportDraft, ui: Ui, state: FSMContext
) -> None:
    draft.shorten_comment()
    await advance(reply_to, ui, state, draft)


async def attach(
    _: TelegramObject, reply_to: AnyMessage, draft: ReportDraft, ui: Ui, state: FSMContext
) -> None:
    draft.attaching = True
    await advance(reply_to, ui, state, draft)


async def no_file(
    _: TelegramObject, reply_to: AnyMessage, draft: ReportDraft, ui: Ui, state: FSMContext
) -> None:
    draft.attaching = False
    await advance(reply_to, ui, state, draft)


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


# --- messages ------------------------------------------------------------------------------


async def status_typed(message: Message, draft: ReportDraft, ui: Ui, state: FSMContext) -> None:
    """A status typed instead of tapped is taken if it can only mean one; a sentence is
    the comment, kept while the status is chosen (see ReportDraft.type_status)."""
    typed = draft.type_status(message.text or "")
    if typed is Typed.UNCLEAR:
        await answer(message, views.status_please(ui))
        return
    await advance(message, ui, state, draft)


async def comment_typed(message: Message, draft: ReportDraft, ui: Ui, state: FSMContext) -> None:
    """The comment, or at the confirmation a correction of it."""
    text = (message.text or "").strip()
    if not text:
        await answer(message, start_views.send_text_please(ui))
        return
    problem = draft.give_comment(text)
    if isinstance(problem, CommentTooLong):
        await keep_draft(state, draft)  # kept, to be shortened or replaced
    if problem is not None:
        await answer(message, views.comment_problem(ui, problem, draft))
        return
    await advance(message, ui, state, draft)


async def file_sent(message: Message, draft: ReportDraft, ui: Ui, state: FSMContext) -> None:
    """A document or photo is the report's evidence, at any step; its caption, the comment."""
    if message.document:
        document = message.document
        evidence = Evidence.of("document", document.file_id, document.file_name)
    else:
        assert message.photo
        evidence = Evidence.of("photo", message.photo[-1].file_id)
    problem = draft.receive_file(evidence, message.caption or "")
    await keep_draft(state, draft)
    if problem is not None:
        await answer(message, views.comment_problem(ui, problem, draft))
    else:
        await answer(message, views.file_received(ui, draft))


async def voice_sent(message: Message, ui: Ui) -> None:
    await answer(message, views.voice_please(ui))


async def text_please(message: Message, ui: Ui) -> None:
    await answer(message, start_views.send_text_please(ui))


async def file_please(message: Message, draft: ReportDraft, ui: Ui) -> None:
    await answer(message, views.send_file_please(ui, draft))


async def use_the_buttons(message: Message, ui: Ui) -> None:
    await answer(message, start_views.use_buttons(ui))
