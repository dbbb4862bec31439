"""Status reports: start one, submit it exactly once (with the notices to the other side),
edit or withdraw it, or carry the last one forward into a new quarter."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.domain.access import (
    Viewer,
    counterpart_departments,
    reporting_departments,
    user_items,
)
from bot.domain.clock import Clock
from bot.domain.notices import Notice
from bot.domain.people import pick_locale
from bot.domain.periods import Quarter
from bot.domain.quick_report import QuickReport, QuickReportError, parse_quick_report
from bot.domain.reports import (
    COMMENT_LIMIT,
    Evidence,
    NewStatusReport,
    StatusReport,
    can_change,
    unsavable,
)
from bot.domain.roadmap import Department, Item, Roadmap
from bot.domain.statuses import Status
from bot.services.items import NoCode, UnknownItem, resolve_item
from bot.services.ports import Memberships, StatusReports
from bot.services.results import Reason, Refused


class NoticeTexts(Protocol):
    """The notice the other side's coordinators get about a report: (HTML text, markup JSON)."""

    def counterpart_report(
        self, locale: str, item: Item, department: Department, status: Status, comment: str
    ) -> tuple[str, str | None]: ...


@dataclass(slots=True)
class ReportDraft:
    """A report being put together in the dialog; kept in the dialog's state between steps."""

    id: str  # ties the dialog's buttons to this dialog
    item: str
    departments: list[str]  # those the user may report for
    department: str | None = None
    status: str | None = None
    comment: str | None = None
    evidence: Evidence | None = None
    editing: int | None = None  # the id of the user's own report being changed

    @classmethod
    def new(cls, item: str, departments: list[str], **fields: Any) -> ReportDraft:
        single = departments[0] if len(departments) == 1 else None
        return cls(secrets.token_hex(4), item, departments, single, **fields)

    def as_state(self) -> dict[str, Any]:
        """The dialog state's data; the keys are those of dialogs saved by earlier versions."""
        state: dict[str, Any] = {"draft": self.id, "item": self.item, "deps": self.departments}
        for key, value in (
            ("dep", self.department),
            ("status", self.status),
            ("comment", self.comment),
            ("edit", self.editing),
        ):
            if value is not None:
                state[key] = value
        if self.evidence is not None:
            state["evidence"] = {
                "kind": self.evidence.kind,
                "file_id": self.evidence.file_id,
                "name": self.evidence.name,
            }
        return state

    @classmethod
    def from_state(cls, data: dict[str, Any]) -> ReportDraft | None:
        if "draft" not in data or "item" not in data:
            return None
        raw = data.get("evidence")
        return cls(
            id=data["draft"],
            item=data["item"],
            departments=list(data.get("deps") or []),
            department=data.get("dep"),
            status=data.get("status"),
            comment=data.get("comment"),
            evidence=Evidence(raw["kind"], raw["file_id"], raw.get("name")) if raw else None,
            editing=data.get("edit"),
        )


@dataclass(frozen=True, slots=True)
class Saved:
    report: StatusReport


@dataclass(frozen=True, slots=True)
class Edited:
    report_id: int
    item_code: str
    status: Status


@dataclass(frozen=True, slots=True)
class Withdrawn:
    report_id: int


@dataclass(frozen=True, slots=True)
class CommentTooLong:
    length: int
    limit: int = COMMENT_LIMIT


@dataclass(frozen=True, slots=True)
class CommentRequired:
    status: Status
    limit: int = COMMENT_LIMIT


@dataclass(frozen=True, slots=True)
class CommentUnsavable:
    """The comment holds characters that cannot be stored (a broken emoji)."""


CommentProblem = CommentTooLong | CommentRequired | CommentUnsavable


@dataclass(frozen=True, slots=True)
class ChooseDepartment:
    """The user coordinates several executors of the activity: which one reports?"""

    item: Item
    departments: list[Department]


@dataclass(frozen=True, slots=True)
class NothingToCarry:
    item: Item
    department: Department


@dataclass(frozen=True, slots=True)
class AlreadyReported:
    """There is a report from the department in this quarter already."""

    item: Item
    latest: StatusReport


@dataclass(frozen=True, slots=True)
class Carried:
    item: Item
    department: Department
    latest: StatusReport
    quarter: Quarter


@dataclass(frozen=True, slots=True)
class PickItem:
    """`/update` alone: which of the user's activities?"""

    items: list[Item]


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A one-message report that could not be read; `reason` is the text key saying why."""

    reason: str


CarryResult = ChooseDepartment | NothingToCarry | AlreadyReported | Carried | Refused
CommandResult = (
    PickItem | UnknownItem | NoCode | Unreadable | ReportDraft | Saved | CommentProblem | Refused
)


def check_comment(status: Status, comment: str) -> CommentProblem | None:
    if len(comment) > COMMENT_LIMIT:
        return CommentTooLong(len(comment))
    if unsavable(comment):
        return CommentUnsavable()
    if status.needs_comment and not comment:
        return CommentRequired(status)
    return None


@dataclass(slots=True)
class ReportingService:
    roadmap: Roadmap
    reports: StatusReports
    memberships: Memberships
    texts: NoticeTexts
    clock: Clock
    # called when notices were queued: the outbox sends them now rather than at its next look
    notices_queued: Callable[[], None] = field(default=lambda: None)

    # --- starting --------------------------------------------------------------------------

    def begin(
        self, viewer: Viewer, item: Item, status: Status | None = None, comment: str = ""
    ) -> ReportDraft | Refused:
        departments = viewer.reporting_departments(item)
        if not departments:
            return Refused(Reason.NOT_A_REPORTER, item.code)
        preset = {"status": status.value, "comment": comment} if status else {}
        return ReportDraft.new(item.code, departments, **preset)

    async def begin_edit(self, user_id: int, report_id: int) -> ReportDraft | Refused:
        report = await self.own_report(user_id, report_id)
        if isinstance(report, Refused):
            return report
        draft = ReportDraft.new(report.item_code, [report.department_id])
        draft.editing = report.id
        return draft

    async def own_report(self, user_id: int, report_id: int) -> StatusReport | Refused:
        """The user's own report, still within the edit window, made for a department they
        still coordinate: revoked means revoked, for edits and withdrawals too."""
        report = await self.reports.status_report(report_id)
        if report is None:
            return Refused(Reason.GONE)
        if not can_change(report, user_id, self.clock.now()):
            return Refused(Reason.TOO_LATE)
        if report.department_id not in await self.memberships.approved_departments(user_id):
            return Refused(Reason.NOT_A_REPORTER, report.item_code)
        return report

    # --- saving ----------------------------------------------------------------------------

    async def submit(self, viewer: Viewer, draft: ReportDraft) -> Saved | Edited | Refused:
        """Save the draft the user confirmed; the draft's id makes a second tap save nothing."""
        item = self.roadmap.item(draft.item)
        if item is None or draft.status is None or draft.department is None:
            return Refused(Reason.OUTDATED)
        status = Status(draft.status)
        if draft.editing is not None:
            return await self._edit(viewer.user_id, draft.editing, item, status, draft.comment)
        # membership may have been revoked while the dialog was open
        approved = await self.memberships.approved_departments(viewer.user_id)
        if draft.department not in reporting_departments(item, approved):
            return Refused(Reason.NOT_A_REPORTER, item.code)
        return await self._save(
            viewer,
            item,
            draft.department,
            status,
            draft.comment or "",
            f"d:{viewer.user_id}:{draft.id}",
            draft.evidence,
        )

    async def from_command(
        self, viewer: Viewer, argument: str | None, update_id: int
    ) -> CommandResult:
        """`/update`: the list of activities to pick from; `/update 4.1`: a dialog for it;
        `/update 4.1 выполняется: …`: saved at once (keyed by the Telegram update, so a
        redelivered one saves nothing more), or a dialog that only needs the department."""
        if not argument or not argument.strip():
            return PickItem(user_items(self.roadmap, viewer.approved))
        found = resolve_item(self.roadmap, viewer, argument)
        if not isinstance(found, Item):
            return found
        if len(argument.split()) == 1:
            return self.begin(viewer, found)
        try:
            quick = parse_quick_report(argument)
        except QuickReportError as exc:
            return Unreadable(str(exc))
        return await self._quick(viewer, found, quick, update_id)

    async def _quick(
        self, viewer: Viewer, item: Item, quick: QuickReport, update_id: int
    ) -> ReportDraft | Saved | CommentProblem | Refused:
        problem = check_comment(quick.status, quick.comment)
        if problem is not None:
            return problem
        departments = viewer.reporting_departments(item)
        if not departments:
            return Refused(Reason.NOT_A_REPORTER, item.code)
        if len(departments) > 1:
            return self.begin(viewer, item, quick.status, quick.comment)
        return await self._save(
            viewer, item, departments[0], quick.status, quick.comment, f"tg:{update_id}", None
        )

    async def _save(
        self,
        viewer: Viewer,
        item: Item,
        department_id: str,
        status: Status,
        comment: str,
        key: str,
        evidence: Evidence | None,
    ) -> Saved:
        """Save with the notices to the other side, queued in the same transaction (only if
        the report is new) and sent by the outbox, so the reporter never waits for them."""
        notices = await self._counterpart_notices(
            item, department_id, viewer.user_id, status, comment
        )
        report = NewStatusReport(
            item.code, department_id, viewer.user_id, status, comment, key, evidence
        )
        report_id, created = await self.reports.add_status_report(report, notices)
        if created and notices:
            self.notices_queued()
        saved = await self.reports.status_report(report_id)
        assert saved is not None, "a report just saved is standing"
        return Saved(saved)

    async def _counterpart_notices(
        self, item: Item, department_id: str, author_id: int, status: Status, comment: str
    ) -> list[Notice]:
        department = self.roadmap.department(department_id)
        if department is None:
            return []
        recipients = await self.memberships.notice_recipients(
            counterpart_departments(self.roadmap, item, department_id), exclude=author_id
        )
        built: dict[str, tuple[str, str | None]] = {}  # the same text for everyone of a locale
        notices = []
        for person_id, language, telegram_language in recipients:
            locale = pick_locale(language, telegram_language)
            if locale not in built:
                built[locale] = self.texts.counterpart_report(
                    locale, item, department, status, comment
                )
            notices.append(Notice(person_id, *built[locale]))
        return notices

    # --- changing ------------------------------------------------------------------------

    async def _edit(
        self, user_id: int, report_id: int, item: Item, status: Status, comment: str | None
    ) -> Edited | Refused:
        report = await self.own_report(user_id, report_id)
        if isinstance(report, Refused):
            return report if report.reason is Reason.NOT_A_REPORTER else Refused(Reason.TOO_LATE)
        await self.reports.edit_status_report(report.id, user_id, status.value, comment or "")
        return Edited(report.id, item.code, status)

    async def withdraw(self, user_id: int, report_id: int) -> Withdrawn | Refused | None:
        """None: withdrawn already (a second tap), nothing to say."""
        report = await self.own_report(user_id, report_id)
        if isinstance(report, Refused):
            return report
        if not await self.reports.withdraw_status_report(report.id, user_id):
            return None
        return Withdrawn(report.id)

    # --- no change -----------------------------------------------------------------------

    async def carry_forward(self, viewer: Viewer, item: Item, department_id: str) -> CarryResult:
        """Report the department's last status again for this quarter ("No change")."""
        departments = viewer.reporting_departments(item)
        if not departments or (department_id and department_id not in departments):
            return Refused(Reason.NOT_A_REPORTER, item.code)
        if not department_id and len(departments) > 1:
            return ChooseDepartment(item, self._departments(departments))
        department = self.roadmap.department(department_id or departments[0])
        assert department is not None
        latest = await self.reports.latest_of_department(item.code, department.id)
        if latest is None:
            return NothingToCarry(item, department)
        quarter = Quarter.of(self.clock.now().astimezone(viewer.zone).date())
        if Quarter.of(latest.created_at.astimezone(viewer.zone).date()) == quarter:
            return AlreadyReported(item, latest)
        report = NewStatusReport(
            item.code,
            department.id,
            viewer.user_id,
            Status(latest.status),
            latest.comment,
            key=f"same:{item.code}:{department.id}:{quarter.label}",
            carried_forward=True,
        )
        await self.reports.add_status_report(report)
        return Carried(item, department, latest, quarter)

    def _departments(self, ids: list[str]) -> list[Department]:
        return [d for d in (self.roadmap.department(x) for x in ids) if d is not None]
