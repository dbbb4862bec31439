"""The year-end round: each coordinator checks, per activity of their departments, the text
the annual report will carry for the year (compiled from their side's reports), confirms it
or writes it anew, and says whether an old status is still current."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.access import Viewer
from bot.domain.annual import report_years, year_bounds
from bot.domain.catalog import Catalog
from bot.domain.clock import Clock
from bot.domain.people import AuditRecord
from bot.domain.periods import Quarter
from bot.domain.reports import COMMENT_LIMIT, NewStatusReport, unsavable
from bot.domain.roadmap import Item
from bot.domain.statuses import Status
from bot.domain.year_end import OFFICE_ZONE, YearEntry, build_entries, round_year
from bot.services.no_change import carry_key
from bot.services.ports import Memberships, StatusReports, YearTexts
from bot.services.results import Reason, Refused, not_allowed

TEXT_LIMIT = COMMENT_LIMIT  # fits a DOCX cell, and a Telegram message with the card


@dataclass(frozen=True, slots=True)
class YearRound:
    """A coordinator's year-end texts for a year, in roadmap order."""

    year: int
    entries: list[YearEntry]

    @property
    def unconfirmed(self) -> list[YearEntry]:
        return [e for e in self.entries if e.confirmed is None]

    def position(self, entry: YearEntry) -> int:
        return self.entries.index(entry) + 1

    def entry(self, code: str, department: str) -> YearEntry | None:
        return next(
            (e for e in self.entries if e.item.code == code and e.department_id == department),
            None,
        )

    def after(self, entry: YearEntry | None) -> YearEntry | None:
        """The next unconfirmed entry after this one (round the list), if any is left."""
        left = self.unconfirmed
        if not left:
            return None
        if entry is None or entry not in self.entries:
            return left[0]
        start = self.entries.index(entry)
        ordered = self.entries[start + 1 :] + self.entries[: start + 1]
        return next((e for e in ordered if e.confirmed is None and e is not entry), None)


@dataclass(frozen=True, slots=True)
class Confirmed:
    """Saved; `round` is the coordinator's round after it, to go on with."""

    entry: YearEntry
    round: YearRound
    changed: bool  # False: the same text was confirmed already (a second tap)


@dataclass(frozen=True, slots=True)
class TextTooLong:
    length: int
    limit: int = TEXT_LIMIT


@dataclass(frozen=True, slots=True)
class TextEmpty:
    """Nothing reported and nothing written: there is no text to confirm."""


YearResult = Confirmed | Refused | TextTooLong | TextEmpty


@dataclass(slots=True)
class YearEndService:
    roadmap: Catalog
    reports: StatusReports
    texts: YearTexts
    memberships: Memberships
    clock: Clock

    def years(self) -> range:
        return report_years(self.roadmap)

    def year_asked(self, text: str | None) -> int | None:
        """`/year 2021`: that year if it is one of the roadmap's; without a year, the year
        being rounded off now (this one, or in January the last)."""
        years = self.years()
        word = (text or "").strip()
        if word:
            return int(word) if word.isdecimal() and int(word) in years else None
        today = self.clock.now().astimezone(OFFICE_ZONE).date()
        return round_year(today, years) or years[-1]

    def pairs(self, viewer: Viewer, year: int | None = None) -> list[tuple[Item, str]]:
        """(activity, department) for each of the viewer's departments on each activity (of
        the roadmaps that run in `year`, if given)."""
        return [
            (item, department)
            for item in self.roadmap.items
            if year is None or self.roadmap.is_open(item, year)
            for department in viewer.reporting_departments(item)
        ]

    async def round_of(self, viewer: Viewer, year: int) -> YearRound | Refused:
        pairs = self.pairs(viewer, year)
        if not pairs:
            return Refused(Reason.PENDING if viewer.pending else Reason.NO_ITEMS)
        start, end = year_bounds(year)
        wanted = {(item.code, department) for item, department in pairs}
        reports = [
            r
            for r in await self.reports.reports_between(start, end)
            if (r.item_code, r.department_id) in wanted
        ]
        latest = await self.reports.latest_before(end)
        confirmed = await self.texts.year_texts(year)
        return YearRound(year, build_entries(year, pairs, reports, latest, confirmed))

    async def confirm(
        self, viewer: Viewer, year: int, code: str, department: str, text: str | None = None
    ) -> YearResult:
        """Confirm the draft (`text` None) or a text of the coordinator's own. A status
        older than the year's last quarter is confirmed as still current: reported again,
        as "no change", if the year is not over yet."""
        item = self.roadmap.item(code)
        if item is None or not self.roadmap.is_open(item, year):
            return Refused(Reason.OUTDATED)
        # membership as it is now: revoked means revoked
        approved = await self.memberships.approved_departments(viewer.user_id)
        if department not in viewer.reporting_departments(item) or department not in approved:
            return not_allowed(viewer, item, Reason.NOT_A_REPORTER)
        if text is not None:
            text = " ".join(text.split(" ")).strip()
            if len(text) > TEXT_LIMIT:
                return TextTooLong(len(text))
            if unsavable(text):
                return Refused(Reason.OUTDATED)
        found = await self.round_of(viewer, year)
        if isinstance(found, Refused):
            return found
        entry = found.entry(code, department)
        assert entry is not None, "the viewer's own pair"
        final = entry.draft if text is None else text
        if not final:
            return TextEmpty()
        action = "yearend.confirm" if text is None else "yearend.correct"  # own words
        audit = AuditRecord(viewer.user_id, action, details=f"{year} {code} {department}")
        changed = await self.texts.confirm_year_text(
            year,
            code,
            department,
            final,
            viewer.user_id,
            text is not None,
            audit,
            self._carry(viewer, entry),
        )
        after = await self.round_of(viewer, year)
        assert not isinstance(after, Refused)
        return Confirmed(after.entry(code, department) or entry, after, changed)

    def _carry(self, viewer: Viewer, entry: YearEntry) -> NewStatusReport | None:
        """An old status confirmed as current, reported again this quarter; only within the
        year itself (a report made in January would count for the next year)."""
        now = self.clock.now()
        if entry.latest is None or not entry.stale or _year(now) != entry.year:
            return None
        quarter = Quarter.of(now.astimezone(viewer.zone).date())
        latest = Status(entry.latest.status)
        made = Quarter.of(entry.latest.created_at.astimezone(viewer.zone).date())
        if latest.final or made == quarter:
            return None  # nothing to carry: done for good, or already reported this quarter
        return NewStatusReport(
            entry.item.code,
            entry.department_id,
            viewer.user_id,
            latest,
            entry.latest.comment,
            # the quarter's "no change": a later tap on that button records nothing more
            key=carry_key(entry.item.code, entry.department_id, quarter),
            carried_forward=True,
            repeats=entry.latest.id,
        )


def _year(moment: datetime) -> int:
    return moment.astimezone(OFFICE_ZONE).year
