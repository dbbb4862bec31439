"""Router filters: the opening checks handlers share, done once and injected as arguments."""

from __future__ import annotations

from typing import Any

from aiogram.filters import Filter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, TelegramObject

from bot.domain.access import Viewer
from bot.domain.catalog import Catalog
from bot.services.offices import RoadmapOffices
from bot.services.reporting import ReportDraft
from bot.telegram.callbacks import DraftCD


class IsAdmin(Filter):
    """The global admins only (ADMIN_IDS), checked on every update."""

    async def __call__(self, event: TelegramObject, viewer: Viewer | None = None) -> bool:
        return viewer is not None and viewer.is_admin


class InOffice(Filter):
    """Global admins and roadmaps' office members, checked on every update (an office
    member removed a moment ago is refused at once): gives what they see as `scope`, None
    for every roadmap, or the numbers of theirs."""

    async def __call__(
        self,
        event: TelegramObject,
        viewer: Viewer | None = None,
        offices: RoadmapOffices | None = None,
    ) -> bool | dict[str, Any]:
        if viewer is None:
            return False
        if viewer.is_admin:
            return {"scope": None}
        scope = offices.scope_of(viewer.user_id) if offices is not None else frozenset()
        return {"scope": scope} if scope else False


class KnownItem(Filter):
    """A button about an activity still in the roadmap: gives it as `item`.

    A button for an activity a new roadmap dropped (or crafted with any code) fails this
    filter and reaches the fallback, which says the button is outdated.
    """

    async def __call__(
        self, query: CallbackQuery, callback_data: CallbackData, roadmap: Catalog
    ) -> bool | dict[str, Any]:
        item = roadmap.item(getattr(callback_data, "code", ""))
        return False if item is None else {"item": item}


class KnownDepartment(Filter):
    """A button about a department still in the roadmap: gives it as `department`."""

    async def __call__(
        self, query: CallbackQuery, callback_data: CallbackData, roadmap: Catalog
    ) -> bool | dict[str, Any]:
        department = roadmap.department(getattr(callback_data, "dep", ""))
        return False if department is None else {"department": department}


class CurrentDraft(Filter):
    """A button of the report dialog now open, at the step it belongs to: gives the dialog's
    draft as `draft`. A button of a cancelled, finished or other dialog, or
    of another step, fails this filter and is answered as outdated."""

    def __init__(self, *steps: State) -> None:
        self.steps = {step.state for step in steps}

    async def __call__(
        self, query: CallbackQuery, callback_data: DraftCD, state: FSMContext
    ) -> bool | dict[str, Any]:
        if await state.get_state() not in self.steps:
            return False
        draft = ReportDraft.from_state(await state.get_data())
        if draft is None or draft.id != callback_data.draft:
            return False
        return {"draft": draft}


class DialogDraft(Filter):
    """A message at a step of the report dialog: gives the dialog's draft as `draft`."""

    async def __call__(self, event: TelegramObject, state: FSMContext) -> bool | dict[str, Any]:
        draft = ReportDraft.from_state(await state.get_data())
        return False if draft is None else {"draft": draft}


class KnownParty(Filter):
    """A button about a side of the roadmap: gives it as `party`."""

    async def __call__(
        self, query: CallbackQuery, callback_data: CallbackData, roadmap: Catalog
    ) -> bool | dict[str, Any]:
        party = roadmap.party(getattr(callback_data, "party", ""))
        return False if party is None else {"party": party}
