"""The coordinating office's views: who is late, progress at a glance (the audit trail is
bot/services/audit.py)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.annual import report_years
from bot.domain.calendar import CalendarRules, nudges_on
from bot.domain.catalog import Catalog
from bot.domain.clock import Clock
from bot.domain.people import AuditRecord, Person
from bot.domain.periods import Period, Quarter, Year
from bot.domain.planner import Reported
from bot.domain.progress import Gap, find_gaps, find_year_gaps, status_counts
from bot.domain.scope import Scope, effective, within
from bot.domain.year_end import report_year
from bot.services.ports import (
    AuditLog,
    Memberships,
    People,
    ReminderLog,
    StatusReports,
    YearTexts,
)
from bot.services.reminders import CLAIM_LEASE

OFFICE_ZONE = ZoneInfo("Europe/Moscow")  # the coordinating office's calendar
SCOPES = {"quarter": "quarter", "year": "year", "квартал": "quarter", "год": "year"}


@dataclass(frozen=True, slots=True)
class Missing:
    """Who owes what for a period: a quarter's reports, or a year's year-end texts."""

    scope: str  # quarter, year, or a year number ("2021"): what /missing was asked
    period: Period
    gaps: list[Gap]  # chaseable first, by side
    due: date | None = None  # a year's: the annual report's due date
    round_opens: date | None = None  # a year's: when coordinators are asked to confirm
    round_open: bool = True  # a year's round has begun: its texts can be asked for
    overdue: bool = False  # a year's: its due date has passed
    confirmed: int = 0  # a year's: texts confirmed, of `total` (activity x department)
    total: int = 0
    nudged: frozenset[str] = frozenset()  # departments reminded today by the office

    @property
    def chaseable(self) -> list[Gap]:
        return [gap for gap in self.gaps if gap.chaseable]

    @property
    def coordinators(self) -> int:
        return len({p.id for gap in self.chaseable for p in gap.coordinators})


@dataclass(frozen=True, slots=True)
class Stats:
    by_section: dict[str, Counter]  # by section key (2/1: roadmap 2's section 1)
    by_party: dict[int, dict[str, Counter]]  # by roadmap, then side
    as_of: date | None = None  # the office's date the statuses stand on


def parse_scope(text: str | None) -> str | None:
    """`/missing`, `/missing year`, `/missing квартал`, `/missing 2021` -> quarter, year or
    the year's number; None if it is not a period at all."""
    word = (text or "quarter").strip().lower()
    if word.isdecimal() and len(word) == 4:
        return word
    return SCOPES.get(word)


@dataclass(slots=True)
class OfficeService:
    roadmap: Catalog
    reports: StatusReports
    memberships: Memberships
    people: People
    audit_log: AuditLog
    year_texts: YearTexts
    clock: Clock
    rules: CalendarRules = field(default_factory=CalendarRules)
    reminder_log: ReminderLog | None = None  # who the office reminded today

    def years(self, roadmaps: Scope = None) -> range:
        """The years of the roadmaps an office sees (`roadmaps`: see bot/domain/scope.py)."""
        return report_years(within(self.roadmap, roadmaps))

    def period_of(self, scope: str, roadmaps: Scope = None) -> Period | None:
        """The period a scope names now; None for a year outside the roadmaps'."""
        today = self.clock.now().astimezone(OFFICE_ZONE).date()
        years = self.years(roadmaps)
        if scope == "quarter":
            return Quarter.of(today)
        if scope == "year":
            return Year(report_year(today, years))
        if scope.isdecimal() and int(scope) in years:
            return Year(int(scope))
        return None

    def report_year(self, roadmaps: Scope = None) -> int:
        """The year `/missing year` is about now: an example the office's menu gives."""
        period = self.period_of("year", roadmaps)
        assert period is not None
        return period.first.year

    def current_period(self, scope: str) -> Period:
        period = self.period_of(scope)
        assert period is not None, scope
        return period

    async def missing(
        self, scope: str, period: Period | None = None, roadmaps: Scope = None
    ) -> Missing:
        """Departments and the activities they owe: a quarter's reports (none owed once
        reported done), or a year's year-end texts not confirmed yet; with who can be
        chased for them, and whom the office has reminded today. An office member's: of
        their roadmaps' activities only."""
        period = period or self.current_period(scope)
        roadmap = within(self.roadmap, roadmaps)
        coordinators = await self.memberships.coordinators([d.id for d in roadmap.departments])
        nudged = await self._nudged(period, coordinators, roadmaps)
        today = self.clock.now().astimezone(OFFICE_ZONE).date()
        if isinstance(period, Year):
            year = period.first.year
            texts = await self.year_texts.year_texts(year)
            gaps = find_year_gaps(roadmap, texts, coordinators, year)
            month, day = self.rules.annual_due
            due = date(year, month, day)
            opens = due - timedelta(days=self.rules.round_days)
            owed = {  # the texts the year's annual reports take: its open roadmaps'
                (item.code, dep)
                for item in roadmap.items
                if roadmap.is_open(item, year)
                for dep in item.departments()
            }
            total = len(owed)
            confirmed = len(owed.intersection(texts))
            return Missing(
                scope, period, gaps, due, opens, today >= opens, today > due,
                confirmed, total, nudged,
            )  # fmt: skip
        since = datetime.combine(period.first, datetime.min.time(), tzinfo=OFFICE_ZONE)
        latest = await self.reports.latest_by_department()
        reported = Reported(
            await self.reports.report_moments(since),
            {key: report.status for key, report in latest.items()},
        )
        gaps = find_gaps(roadmap, reported, period.span, OFFICE_ZONE, coordinators, True)
        return Missing(scope, period, gaps, nudged=nudged)

    async def _nudged(
        self, period: Period, coordinators: list[tuple[str, Person]], roadmaps: Scope
    ) -> frozenset[str]:
        """Departments whose coordinators the office (this one, or a global admin) reminded
        today about this period: its nudge would not remind them again."""
        if self.reminder_log is None:
            return frozenset()
        today = self.clock.now().astimezone(OFFICE_ZONE).date()
        logged = await self.reminder_log.logged_reminders(CLAIM_LEASE)
        scope = effective(self.roadmap, roadmaps)
        reminded = {user_id for user_id, _ in nudges_on(logged, period, today, scope)}
        return frozenset(dep for dep, person in coordinators if person.id in reminded)

    async def stats(self, roadmaps: Scope = None) -> Stats:
        """Latest statuses counted by section, and by side in each roadmap (a side of two
        roadmaps is counted in each apart)."""
        latest = await self.reports.latest_reports()
        by_section: dict[str, Counter] = {}
        by_party: dict[int, dict[str, Counter]] = {}
        for entry in within(self.roadmap, roadmaps).entries:
            one = within(self.roadmap, frozenset({entry.number}))
            sections, by_party[entry.number] = status_counts(one, latest)
            by_section.update(sections)
        return Stats(by_section, by_party, self.clock.now().astimezone(OFFICE_ZONE).date())

    async def record(self, actor_id: int, action: str, details: str = "") -> None:
        """Note an office action in the audit log."""
        await self.audit_log.audit(AuditRecord(actor_id, action, details=details))
