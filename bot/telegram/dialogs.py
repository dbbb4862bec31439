"""The bot's dialogs: the steps a multi-message conversation goes through (aiogram FSM)."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup

from bot.services.drafts import ReportDraft, Step


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
