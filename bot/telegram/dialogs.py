"""The bot's dialogs: the steps a multi-message conversation goes through (aiogram FSM)."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup

from bot.services.reporting import ReportDraft


class ReportFlow(StatesGroup):
    """Reporting an activity's status: department, status, comment, evidence, confirm."""

    department = State()
    status = State()
    comment = State()
    evidence = State()
    confirm = State()


class SettingsFlow(StatesGroup):
    pause_until = State()


def report_step(draft: ReportDraft) -> State:
    """The step a draft is at, by what it still lacks: who reports, the status; or confirm."""
    if draft.department is None:
        return ReportFlow.department
    if draft.status is None:
        return ReportFlow.status
    return ReportFlow.confirm


async def keep_draft(state: FSMContext, draft: ReportDraft, step: State | None = None) -> None:
    """Store the draft in the dialog and move it to `step` (by default: the one it needs)."""
    await state.set_state(step or report_step(draft))
    await state.set_data(draft.as_state())
