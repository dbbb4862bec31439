"""Status reports: start one (from a button or one message), submit it exactly once with the
notices to the other side, edit or withdraw it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from bot.domain.access import (
    Viewer,
    counterpart_departments,
    reporting_departments,
    user_items,
)
from bot.domain.catalog import Catalog
from bot.domain.clock import Clock
from bot.domain.notices import Notice
from bot.domain.people import AuditRecord, pick_locale
from bot.domain.quick_report import QuickReport, QuickReportError, parse_quick_report
from bot.domain.reports import Evidence, NewStatusReport, StatusReport, can_change, unsavable
from bot.domain.roadmap import Department, Item
from bot.domain.statuses import Status
from bot.services.drafts import CommentProblem, CommentUnsavable, ReportDraft
from bot.services.items import Ambiguous, NoCode, UnknownItem, example_code, resolve_item
from bot.services.ports import Memberships, StatusReports
from bot.services.results import Reason, Refused, closed_for, not_allowed


class NoticeTexts(Protocol):
    """The notice the other side's coordinators get about a report: (HTML text, markup JSON)."""

    def counterpart_report(
        self, locale: str, item: Item, department: Department, status: Status, comment: str
    ) -> tuple[str, str | None]: ...


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
class PickItem:
    """`/update` alone: which of the user's activities?"""

    items: list[Item]


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A one-message report that could not be read; `reason` is the text key saying why."""

    reason: str


CommandResult = (
    PickItem
    | UnknownItem
    | NoCode
    | Ambiguous
    | Unreadable
    | ReportDraft
    | Saved
    | CommentProblem
    | Refused
)


@dataclass(slots=True)
class ReportingService:
    roadmap: Catalog
    reports: StatusReports
    memberships: Memberships
    texts: NoticeTexts
    clock: Clock
    # called when notices were queued: the outbox sends them now rather than at its next look
    notices_queued: Callable[[], None] = field(default=lambda: None)

    # --- starting --------------------------------------------------------------------------

    def example(self, viewer: Viewer) -> str:
        """One of the user's own codes, for an example of the format."""
        return example_code(self.roadmap, viewer)

    def begin(self, viewer: Viewer, item: Item) -> ReportDraft | Refused:
        departments = viewer.reporting_departments(item)
        if not departments:
            return not_allowed(viewer, item, Reason.NOT_A_REPORTER)
        if closed := self.closed(viewer, item):
            return closed
        return ReportDraft.new(item.code, departments)

    def closed(self, viewer: Viewer, item: Item) -> Refused | None:
        """Refused if the item's roadmap takes no reports this year (the viewer's)."""
        return closed_for(self.roadmap, item, self.clock.now().astimezone(viewer.zone).year)

    async def begin_edit(self, user_id: int, report_id: int) -> ReportDraft | Refused:
        """A dialog to change one's own report: its status again, its comment kept unless a
        new one is typed."""
        report = await self.own_report(user_id, report_id)
        if isinstance(report, Refused):
            return report
        draft = ReportDraft.new(report.item_code, [report.department_id])
        draft.editing = report.id
        draft.kept_comment = report.comment
        draft.evidence = report.evidence  # kept unless another file is sent
        return draft

    async def own_report(self, user_id: int, report_id: int) -> StatusReport | Refused:
        """The user's own report, still within the edit window, made for a department they
        still coordinate: revoked means revoked, for edits and withdrawals too."""
        report = await self.reports.status_report(report_id)
        if report is None or not report.standing:
            return Refused(Reason.GONE)
        if not can_change(report, user_id, self.clock.now()):
            return Refused(Reason.TOO_LATE)
        if report.department_id not in await self.memberships.approved_departments(user_id):
            return Refused(Reason.NOT_A_REPORTER, report.item_code)
        return report

    async def from_command(
        self,
        viewer: Viewer,
        argument: str | None,
        update_id: int,
        *,
        at_once: bool = True,
        evidence: Evidence | None = None,
    ) -> CommandResult:
        """`/update`: the list of activities to pick from; `/update 4.1`: a dialog for it;
        `/update 4.1 выполняется: …`: saved at once (keyed by the Telegram update, so a
        redelivered one saves nothing more), or with `at_once=False` (text typed without the
        command) shown for confirmation. What it lacks (the comment a status needs, the
        department, a status not understood) is asked for in a dialog, keeping what was
        typed. `evidence`: the photo or document whose caption the command is."""
        if not argument or not argument.strip():
            return PickItem(user_items(self.roadmap, viewer.approved))
        found = resolve_item(self.roadmap, viewer, argument)
        if not isinstance(found, Item):
            return found
        if len(argument.split()) == 1:
            draft = self.begin(viewer, found)
            if isinstance(draft, ReportDraft) and evidence is not None:
                draft.attach(evidence)
            return draft
        try:
            quick = parse_quick_report(argument)
        except QuickReportError as exc:
            return Unreadable(str(exc))
        return await self._quick(viewer, found, quick, update_id, at_once, evidence)

    async def _quick(
        self,
        viewer: Viewer,
        item: Item,
        quick: QuickReport,
        update_id: int,
        at_once: bool = True,
        evidence: Evidence | None = None,
    ) -> ReportDraft | Saved | CommentProblem | Refused:
        """A one-message report: saved at once if it is complete (and `at_once`); otherwise
        a dialog that asks for what it lacks, keeping what was typed, and saves as soon as
        it is complete."""
        departments = viewer.reporting_departments(item)
        if not departments:
            return not_allowed(viewer, item, Reason.NOT_A_REPORTER)
        if closed := self.closed(viewer, item):
            return closed
        if unsavable(quick.comment):
            return CommentUnsavable()  # cannot even be kept in the dialog
        draft = ReportDraft.new(item.code, departments, at_once=at_once, evidence=evidence)
        if quick.status is None:  # not understood: the likely statuses (or all) to choose from
            draft.guesses = [status.value for status in quick.guesses]
            draft.note_comment(quick.comment)
            return draft
        draft.choose_status(quick.status)
        if draft.give_comment(quick.comment) or draft.department is None or not at_once:
            return draft  # the dialog asks for what is missing, keeping what was typed
        key = f"tg:{update_id}"
        return await self._save(
            viewer, item, draft.department, quick.status, quick.comment, key, evidence
        )

    # --- saving ----------------------------------------------------------------------------

    async def submit(self, viewer: Viewer, draft: ReportDraft) -> Saved | Edited | Refused:
        """Save the draft the user confirmed; the draft's id makes a second tap save nothing."""
        item = self.roadmap.item(draft.item)
        if item is None or draft.status is None or draft.department is None:
            return Refused(Reason.OUTDATED)
        status = Status(draft.status)
        if draft.editing is not None:
            return await self._edit(viewer.user_id, draft, item, status)
        # membership may have been revoked while the dialog was open
        approved = await self.memberships.approved_departments(viewer.user_id)
        if draft.department not in reporting_departments(item, approved):
            return not_allowed(viewer, item, Reason.NOT_A_REPORTER)
        if closed := self.closed(viewer, item):  # the year turned while the dialog was open
            return closed
        return await self._save(
            viewer,
            item,
            draft.department,
            status,
            draft.comment or "",
            f"d:{viewer.user_id}:{draft.id}",
            draft.evidence,
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
        self, user_id: int, draft: ReportDraft, item: Item, status: Status
    ) -> Edited | Refused:
        assert draft.editing is not None
        report = await self.own_report(user_id, draft.editing)
        if isinstance(report, Refused):
            return report
        comment = draft.comment or ""
        await self.reports.edit_status_report(
            report.id, user_id, status.value, comment, draft.evidence
        )
        return Edited(report.id, item.code, status)

    async def withdraw(self, user_id: int, report_id: int) -> Withdrawn | Refused | None:
        """None: withdrawn already (a second tap), nothing to say. The report stays in the
        history, marked withdrawn; the audit records who withdrew which."""
        report = await self.own_report(user_id, report_id)
        if isinstance(report, Refused):
            return report
        audit = AuditRecord(user_id, "report.withdraw", user_id, f"{report.item_code} #{report.id}")
        if not await self.reports.withdraw_status_report(report.id, user_id, audit):
            return None
        return Withdrawn(report.id)
