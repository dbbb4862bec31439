"""The bot's dialogs: the steps a multi-message conversation goes through (aiogram FSM)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Message, TelegramObject

from bot.domain.access import Viewer
from bot.domain.reports import Evidence
from bot.services.drafts import ReportDraft, Step
from bot.services.items import ItemService
from bot.services.ports import StorageUnavailable
from bot.services.reporting import Edited, ReportingService, Saved
from bot.services.results import Refused
from bot.telegram.replies import AnyMessage, answer, drop_buttons
from bot.telegram.views import Ui
from bot.telegram.views import reporting as views

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class ReportFlow(StatesGroup):
    """Reporting an activity's status: department, status, comment, confirm (and a file,
    when asked for from the confirmation)."""

    department = State()
    status = State()
    comment = State()
    evidence = State()
    confirm = State()


STATES = {
    Step.DEPARTMENT: ReportFlow.department,
    Step.STATUS: ReportFlow.status,
    Step.COMMENT: ReportFlow.comment,
    Step.EVIDENCE: ReportFlow.evidence,
    Step.CONFIRM: ReportFlow.confirm,
}


class SettingsFlow(StatesGroup):
    pause_until = State()


async def keep_draft(state: FSMContext, draft: ReportDraft) -> None:
    """Store the draft in the dialog, at the step it needs next."""
    await state.set_state(STATES[draft.step])
    await state.set_data(draft.as_state())


def evidence_of(message: Message) -> Evidence:
    """The document or photo a message carries, as a report's evidence."""
    if message.document:
        document = message.document
        return Evidence.of("document", document.file_id, document.file_name)
    assert message.photo
    return Evidence.of("photo", message.photo[-1].file_id)


async def current_draft(state: FSMContext) -> ReportDraft | None:
    """The report dialog's draft, if one is open."""
    if await state.get_state() not in {s.state for s in STATES.values()}:
        return None
    return ReportDraft.from_state(await state.get_data())


@dataclass(slots=True)
class ReportSteps:
    """The report dialog's way on from any step, for one update (put in the handlers' data
    as `steps` by ReportStepsMiddleware): keep the draft and ask for what it needs next, or
    save it, once confirmed or, for a one-message report, once it is complete."""

    reply_to: AnyMessage
    ui: Ui
    state: FSMContext
    viewer: Viewer
    reporting: ReportingService
    items: ItemService

    async def begin(self, draft: ReportDraft) -> None:
        """A new dialog; or, asked for the activity whose draft is still open (and the new
        one brings nothing typed), that draft, where it stopped."""
        open_draft = await current_draft(self.state)
        fresh = draft.status is None and draft.comment is None and not draft.guesses
        if (
            open_draft is not None
            and fresh
            and open_draft.item == draft.item
            and open_draft.editing is None
            and draft.editing is None
        ):
            if draft.evidence is not None:
                open_draft.attach(draft.evidence)
            await keep_draft(self.state, open_draft)
            await answer(self.reply_to, views.step(self.ui, open_draft, resumed=True))
            return
        await self.advance(draft)

    async def advance(self, draft: ReportDraft) -> None:
        if draft.at_once and draft.step is Step.CONFIRM:
            await self.submit(draft)
            return
        await keep_draft(self.state, draft)
        await answer(self.reply_to, views.step(self.ui, draft))

    async def submit(self, draft: ReportDraft) -> None:
        """Saved: the dialog ends, with what is still owed this quarter. Not saved for a
        reason of the storage's (busy, disk full): the dialog stays at the confirmation,
        with a button to try again."""
        try:
            result = await self.reporting.submit(self.viewer, draft)
        except StorageUnavailable as exc:
            if draft.at_once:  # not yet kept at the confirmation: keep it there if we can
                draft.at_once = False
                try:
                    await keep_draft(self.state, draft)
                except StorageUnavailable:
                    await answer(self.reply_to, views.not_saved(self.ui, None, exc.reason))
                    return
            await answer(self.reply_to, views.not_saved(self.ui, draft, exc.reason))
            return
        await drop_buttons(self.reply_to)
        await self.state.clear()
        await self.done(result)

    async def done(self, result: Saved | Edited | Refused) -> None:
        """Say what was saved; after a new report, what the user's side still owes."""
        after = await self.items.my_items(self.viewer) if isinstance(result, Saved) else None
        await answer(self.reply_to, views.outcome(self.ui, result, after))


class ReportStepsMiddleware(BaseMiddleware):
    """Gives the report dialog's handlers `steps` (ReportSteps) for the update."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if "viewer" in data and "reply_to" in data:
            data["steps"] = ReportSteps(
                data["reply_to"],
                data["ui"],
                data["state"],
                data["viewer"],
                data["reporting"],
                data["items"],
            )
        return await handler(event, data)


class YearTextFlow(StatesGroup):
    """A year-end text being typed: its year, activity and department in the state's data."""

    text = State()
