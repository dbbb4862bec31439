"""The coordinating office's views: who is late, progress at a glance, the audit trail."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.clock import Clock
from bot.domain.people import AuditEntry, AuditRecord, Person
from bot.domain.periods import Period, Quarter, Year
from bot.domain.planner import Reported
from bot.domain.progress import Gap, find_gaps, status_counts
from bot.domain.roadmap import Roadmap
from bot.services.ports import AuditLog, Memberships, People, StatusReports

OFFICE_ZONE = ZoneInfo("Europe/Moscow")  # the coordinating office's calendar
SCOPES = {"quarter": "quarter", "year": "year", "квартал": "quarter", "год": "year"}


@dataclass(frozen=True, slots=True)
class Missing:
    scope: str  # quarter or year
    period: Period
    gaps: list[Gap]


@dataclass(frozen=True, slots=True)
class Stats:
    by_section: dict[str, Counter]
    by_party: dict[str, Counter]


@dataclass(frozen=True, slots=True)
class AuditLine:
    entry: AuditEntry
    actor: Person | None
    subject: Person | None


def parse_scope(text: str | None) -> str | None:
    """`/missing`, `/missing year`, `/missing квартал` -> quarter or year; None if unknown."""
    return SCOPES.get((text or "quarter").strip().lower())


@dataclass(slots=True)
class OfficeService:
    roadmap: Roadmap
    reports: StatusReports
    memberships: Memberships
    people: People
    audit_log: AuditLog
    clock: Clock

    def current_period(self, scope: str) -> Period:
        today = self.clock.now().astimezone(OFFICE_ZONE).date()
        return Year.of(today) if scope == "year" else Quarter.of(today)

    async def missing(self, scope: str) -> Missing:
        """Departments and activities with no report in the current quarter or year."""
        period = self.current_period(scope)
        since = datetime.combine(period.first, datetime.min.time(), tzinfo=OFFICE_ZONE)
        latest = await self.reports.latest_by_department()
        reported = Reported(
            await self.reports.report_moments(since),
            {key: report.status for key, report in latest.items()},
        )
        coordinators = await self.memberships.coordinators([d.id for d in self.roadmap.departments])
        quarterly = isinstance(period, Quarter)
        gaps = find_gaps(self.roadmap, reported, period.span, OFFICE_ZONE, coordinators, quarterly)
        return Missing(scope, period, gaps)

    async def stats(self) -> Stats:
        by_section, by_party = status_counts(self.roadmap, await self.reports.latest_reports())
        return Stats(by_section, by_party)

    async def audit_trail(self, limit: int = 20) -> list[AuditLine]:
        entries = await self.audit_log.recent_audit(limit)
        ids = {e.actor_id for e in entries} | {e.subject_id for e in entries if e.subject_id}
        people = await self.people.people(sorted(ids))
        return [
            AuditLine(e, people.get(e.actor_id), people.get(e.subject_id) if e.subject_id else None)
            for e in entries
        ]

    async def record(self, actor_id: int, action: str, details: str = "") -> None:
        """Note an office action in the audit log."""
        await self.audit_log.audit(AuditRecord(actor_id, action, details=details))
