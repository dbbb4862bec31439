"""The reporting calendar: on which local dates which reminder falls due."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.periods import Period, Quarter, Year

QUARTERLY = "quarterly"
YEAR_END = "yearend"  # the year-end round: check and confirm the texts for the report
OVERDUE = "overdue"
DIGEST = "digest"
NUDGE = "nudge"


def annual(days: int) -> str:
    """The kind of the yearly reminder sent `days` before the due date: annual-30, ..."""
    return f"annual-{days}"


@dataclass(frozen=True, slots=True)
class Occasion:
    """One reminder date: what it is about; a report dated within its period counts."""

    kind: str  # quarterly, annual-30, ..., overdue, digest, nudge
    period: Period
    on: date  # the local date it is sent
    due: date | None = None  # the yearly report's due date, for the text

    @property
    def covers(self) -> tuple[date, date]:
        """Local dates (inclusive) within which a report counts as given."""
        return self.period.span

    @property
    def log_period(self) -> str:
        """The period as the reminder log keys it: a nudge may come again on another day."""
        if self.kind == NUDGE:
            return f"{self.period.label}@{self.on.isoformat()}"
        return self.period.label

    @property
    def days_before_due(self) -> int | None:
        prefix, _, days = self.kind.partition("-")
        return int(days) if prefix == "annual" and days.isdigit() else None

    def fire_at(self, zone: ZoneInfo, hour: int) -> datetime:
        return datetime.combine(self.on, time(hour), tzinfo=zone)


@dataclass(frozen=True, slots=True)
class CalendarRules:
    quarter_days: int = 10
    hour: int = 10
    annual_due: tuple[int, int] = (12, 20)
    annual_days: tuple[int, ...] = (30, 14, 7, 1)
    grace: timedelta = timedelta(days=3)
    round_days: int = 20  # the year-end round opens this many days before the due date


def nudge_key(
    period: Period,
    day: date,
    department: str | None = None,
    roadmaps: frozenset[int] | None = None,
) -> str:
    """The reminder log's period for the office's nudge on `day`: "2021-Q2@2021-05-04";
    "~2.3" after it for a roadmap office's (the numbers of its roadmaps: another office's
    nudge still goes), and "#dep" for one department's (so another department's still goes).
    """
    key = Occasion(NUDGE, period, day).log_period
    if roadmaps is not None:
        key += "~" + ".".join(str(n) for n in sorted(roadmaps))
    return f"{key}#{department}" if department else key


def nudges_on(
    logged: Iterable[tuple[int, str, str]],
    period: Period,
    day: date,
    roadmaps: frozenset[int] | None = None,
) -> set[tuple[int, str | None]]:
    """(user, department, or None for a nudge to all) of the office's nudges on `day` about
    `period` that covered the roadmaps `roadmaps` (None: every roadmap), read from the
    reminder log's (user, kind, period) keys: a global admin's covers every office's, a
    roadmap office's only an office's with no other roadmap."""
    prefix = nudge_key(period, day)
    found: set[tuple[int, str | None]] = set()
    for user_id, kind, key in logged:
        if kind != NUDGE or not key.startswith(prefix):
            continue
        tag, _, department = key[len(prefix) :].partition("#")
        if tag:
            numbers = tag.removeprefix("~").split(".")
            if not tag.startswith("~") or not all(n.isdigit() for n in numbers):
                continue  # not this day's nudge
            if roadmaps is None or not roadmaps <= {int(n) for n in numbers}:
                continue  # about other roadmaps, or fewer of them
        found.add((user_id, department or None))
    return found


class ReminderCalendar:
    def __init__(self, rules: CalendarRules, first_year: int, last_year: int) -> None:
        self.rules = rules
        self.first_year = first_year
        self.last_year = last_year

    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    def is_active(self, day: date) -> bool:
        return self.first_year <= day.year <= self.last_year

    def occasions(self, year: int) -> list[Occasion]:
        if year not in self.years():
            return []
        found = []
        for number in range(1, 5):
            quarter = Quarter(year, number)
            on = quarter.last - timedelta(days=self.rules.quarter_days)
            found.append(Occasion(QUARTERLY, quarter, on))
        month, day = self.rules.annual_due
        due = date(year, month, day)
        round_on = due - timedelta(days=self.rules.round_days)
        found.append(Occasion(YEAR_END, Year(year), round_on, due))
        for days in self.rules.annual_days:
            found.append(Occasion(annual(days), Year(year), due - timedelta(days=days), due))
        after = due + timedelta(days=1)
        found.append(Occasion(OVERDUE, Year(year), after, due))
        found.append(Occasion(DIGEST, Year(year), after, due))
        return sorted(found, key=lambda o: (o.on, o.kind))

    def around(self, day: date) -> list[Occasion]:
        """Occasions of the years that can fall near `day` (grace windows cross New Year)."""
        return [o for year in (day.year - 1, day.year) for o in self.occasions(year)]
