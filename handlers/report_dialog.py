"""The status report dialog's steps: department, status, comment, confirmation, and a file
when asked for. Nothing typed is lost: a caption is the comment, a comment too long is kept
until shortened or replaced, text at the confirmation corrects the comment (the earlier one
can be restored), text before the status is kept as the comment. `steps` (ReportSteps)
keeps the draft and asks for what it needs next, or saves it."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import Message, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.statuses import Status
from bot.services.drafts import CommentTooLong, ReportDraft, Step, Typed
from bot.telegram.callbacks import DraftCD
from bot.telegram.dialogs import (
    ReportFlow,
    ReportSteps,
    ReportStepsMiddleware,
    evidence_of,
    keep_draft,
)
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
ANY_STEP = (ReportFlow.status, ReportFlow.comment, ReportFlow.confirm, ReportFlow.evidence)


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.middleware(ReportStepsMiddleware())
    router.message.middleware(ReportStepsMiddleware())
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
    button(restore, on(F.action == "restore"), CurrentDraft(ReportFlow.confirm))
    button(no_file, on(F.action.in_({"nofile", "skip"})), CurrentDraft(ReportFlow.evidence))
    button(confirmed, on(F.action == "confirm"), CurrentDraft(ReportFlow.confirm))
    button(cancelled, on(F.action == "cancel"), CurrentDraft(*ReportFlow.__states__))
    message = router.message.register
    message(status_typed, ReportFlow.status, F.text, NOT_A_COMMAND, DialogDraft())
    # text at the comment step, and at the confirmation or the file step, is the comment
    for step in (ReportFlow.comment, ReportFlow.confirm, ReportFlow.evidence):
        message(comment_typed, step, F.text, NOT_A_COMMAND, DialogDraft())
    for step in ANY_STEP:
        message(file_sent, step, FILE, DialogDraft())
        message(voice_sent, step, VOICE)
    message(text_please, ReportFlow.comment, ~F.text)
    message(file_please, ReportFlow.evidence, NOT_A_COMMAND, DialogDraft())
    for step in (ReportFlow.department, ReportFlow.status, ReportFlow.confirm):
        message(use_the_buttons, step, NOT_A_COMMAND)
    return router


# --- buttons -------------------------------------------------------------------------------


async def department_chosen(
    _: TelegramObject,
    callback_data: DraftCD,
    draft: ReportDraft,
    ui: Ui,
    steps: ReportSteps,
    callback_answer: CallbackAnswer,
) -> None:
    if not draft.choose_department(callback_data.value):
        alert(callback_answer, common_views.outdated(ui))
        return
    await steps.advance(draft)


async def status_chosen(
    _: TelegramObject, callback_data: DraftCD, draft: ReportDraft, steps: ReportSteps
) -> None:
    draft.choose_status(Status(callback_data.value))
    await steps.advance(draft)


async def no_comment(
    _: TelegramObject, reply_to: AnyMessage, draft: ReportDraft, ui: Ui, steps: ReportSteps
) -> None:
    problem = draft.no_comment()
    if problem is not None:
        await answer(reply_to, views.comment_problem(ui, problem))
        return
    await steps.advance(draft)


async def keep_comment(_: TelegramObject, draft: ReportDraft, steps: ReportSteps) -> None:
    draft.keep_comment()
    await steps.advance(draft)


async def shorten(_: TelegramObject, draft: ReportDraft, steps: ReportSteps) -> None:
    draft.shorten_comment()
    await steps.advance(draft)


async def attach(_: TelegramObject, draft: ReportDraft, steps: ReportSteps) -> None:
    draft.attaching = True
    await steps.advance(draft)


async def restore(_: TelegramObject, draft: ReportDraft, steps: ReportSteps) -> None:
    draft.restore_comment()
    await steps.advance(draft)


async def no_file(_: TelegramObject, draft: ReportDraft, steps: ReportSteps) -> None:
    draft.attaching = False
    await steps.advance(draft)


async def confirmed(_: TelegramObject, draft: ReportDraft, steps: ReportSteps) -> None:
    await steps.submit(draft)


async def cancelled(_: TelegramObject, reply_to: AnyMessage, ui: Ui, state: FSMContext) -> None:
    await drop_buttons(reply_to)
    await state.clear()
    await answer(reply_to, start_views.cancelled(ui, True))


# --- messages ------------------------------------------------------------------------------


async def status_typed(message: Message, draft: ReportDraft, ui: Ui, steps: ReportSteps) -> None:
    """A status typed instead of tapped is taken if it can only mean one; a sentence is
    the comment, kept while the status is chosen (see ReportDraft.type_status)."""
    if draft.type_status(message.text or "") is Typed.UNCLEAR:
        await answer(message, views.status_please(ui))
        return
    await steps.advance(draft)


async def comment_typed(
    message: Message, draft: ReportDraft, ui: Ui, state: FSMContext, steps: ReportSteps
) -> None:
    """The comment, or at the confirmation a correction of it."""
    text = (message.text or "").strip()
    if not text:
        await answer(message, start_views.send_text_please(ui))
        return
    draft.attaching = False  # text at the file step: the comment, back to the summary
    problem = draft.give_comment(text)
    if isinstance(problem, CommentTooLong):
        await keep_draft(state, draft)  # kept, to be shortened or replaced
    if problem is not None:
        await answer(message, views.comment_problem(ui, problem, draft))
        return
    await steps.advance(draft)


async def file_sent(
    message: Message, draft: ReportDraft, ui: Ui, state: FSMContext, steps: ReportSteps
) -> None:
    """A document or photo is the report's evidence, at any step; its caption, the comment."""
    problem = draft.receive_file(evidence_of(message), message.caption or "")
    if problem is not None:
        await keep_draft(state, draft)
        await answer(message, views.comment_problem(ui, problem, draft))
    elif draft.step is Step.COMMENT and draft.long_comment is None:
        await keep_draft(state, draft)  # the comment is still to come
        await answer(message, views.file_received(ui, draft))
    else:
        await steps.advance(draft)


async def voice_sent(message: Message, ui: Ui) -> None:
    await answer(message, views.voice_please(ui))


async def text_please(message: Message, ui: Ui) -> None:
    await answer(message, start_views.send_text_please(ui))


async def file_please(message: Message, draft: ReportDraft, ui: Ui) -> None:
    await answer(message, views.send_file_please(ui, draft))


async def use_the_buttons(message: Message, ui: Ui) -> None:
    await answer(message, start_views.use_buttons(ui))
