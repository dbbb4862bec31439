"""The reporting calendar and who is owed which reminder: plain Python, no aiogram."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.reporting import quarter_span
from bot.roadmap import Roadmap


@dataclass(frozen=True, slots=True)
class Occasion:
    """One reminder date: what it is about and which stretch of time counts as reported."""

    kind: str  # quarterly, annual-30, ..., overdue, digest
    period: str  # 2021-Q1 or 2021
    on: date  # the local date it is sent
    covers: tuple[date, date]  # an update dated within counts (local dates, inclusive)
    due: date | None = None  # the yearly report's due date, for the text

    def fire_at(self, zone: ZoneInfo, hour: int) -> datetime:
        return datetime.combine(self.on, time(hour), tzinfo=zone)


@dataclass(frozen=True, slots=True)
class CalendarRules:
    quarter_days: int = 10
    hour: int = 10
    annual_due: tuple[int, int] = (12, 20)
    annual_days: tuple[int, ...] = (30, 14, 7, 1)
    grace: timedelta = timedelta(days=3)


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
        for quarter in range(1, 5):
            start, end = quarter_span(year, quarter)
            found.append(
                Occasion(
                    "quarterly",
                    f"{year}-Q{quarter}",
                    end - timedelta(days=self.rules.quarter_days),
                    (start, end),
                )
            )
        month, day = self.rules.annual_due
        due = date(year, month, day)
        year_span = (date(year, 1, 1), date(year, 12, 31))
        for days in self.rules.annual_days:
            found.append(
                Occasion(f"annual-{days}", str(year), due - timedelta(days=days), year_span, due)
            )
        after = due + timedelta(days=1)
        found.append(Occasion("overdue", str(year), after, year_span, due))
        found.append(Occasion("digest", str(year), after, year_span, due))
        return sorted(found, key=lambda o: (o.on, o.kind))

    def around(self, day: date) -> list[Occasion]:
        """Occasions of the years that can fall near `day` (grace windows cross New Year)."""
        return [o for year in (day.year - 1, day.year) for o in self.occasions(year)]


class Reported:
    """When each department reported on each item: answers "anything within these dates?"."""

    def __init__(self, moments: Iterable[tuple[str, str, datetime]]) -> None:
        self._moments: dict[tuple[str, str], list[datetime]] = {}
        for item, dep, moment in moments:
            self._moments.setdefault((item, dep), []).append(moment)
        for times in self._moments.values():
            times.sort()

    def within(self, item: str, dep: str, covers: tuple[date, date], zone: ZoneInfo) -> bool:
        times = self._moments.get((item, dep))
        if not times:
            return False
        start = datetime.combine(covers[0], time(0), tzinfo=zone)
        end = datetime.combine(covers[1] + timedelta(days=1), time(0), tzinfo=zone)
        index = bisect_left(times, start)
        return index < len(times) and times[index] < end


@dataclass(frozen=True, slots=True)
class Coordinator:
    user_id: int
    locale: str
    zone: ZoneInfo
    departments: tuple[str, ...]
    paused_until: date | None
    unreachable: bool


@dataclass(slots=True)
class Reminder:
    user_id: int
    locale: str
    occasion: Occasion
    items: list[str] = field(default_factory=list)  # codes still without an update


@dataclass(slots=True)
class Plan:
    reminders: list[Reminder] = field(default_factory=list)
    dropped: list[Reminder] = field(default_factory=list)  # fell due too long ago
    superseded: list[Reminder] = field(default_factory=list)  # a newer one goes instead
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> users


_URGENCY = {"quarterly": 1, "annual": 2, "overdue": 3}


def plan_reminders(
    roadmap: Roadmap,
    calendar: ReminderCalendar,
    coordinators: Iterable[Coordinator],
    reported: Reported,
    selects: Callable[[Occasion, ZoneInfo], str | None],
    day: date,
) -> Plan:
    """Who gets which reminder about which items, for occasions near `day`.

    `selects(occasion, zone)` says "send", "drop" (fell due too long ago) or None.
    Coordinator-facing kinds only: the admin digest is planned separately.
    """
    plan = Plan()
    occasions = [o for o in calendar.around(day) if o.kind != "digest"]
    verdicts: dict[tuple[Occasion, str], str | None] = {}
    missing_for: dict[tuple[tuple[str, ...], Occasion, str], list[str]] = {}
    executors = [(item.code, item.departments()) for item in roadmap.items]
    for person in coordinators:
        if person.unreachable:
            plan.skipped["unreachable"] = plan.skipped.get("unreachable", 0) + 1
            continue
        due: list[Reminder] = []
        paused = False
        for occasion in occasions:
            # a handful of zones and department sets serve thousands of people
            key = (occasion, person.zone.key)
            if key not in verdicts:
                verdicts[key] = selects(occasion, person.zone)
            verdict = verdicts[key]
            if verdict is None:
                continue
            if person.paused_until is not None and occasion.on <= person.paused_until:
                paused = paused or verdict == "send"
                continue
            group = (person.departments, occasion, person.zone.key)
            if group not in missing_for:
                missing_for[group] = [
                    code
                    for code, deps in executors
                    if (mine := [d for d in deps if d in person.departments])
                    and not any(
                        reported.within(code, d, occasion.covers, person.zone) for d in mine
                    )
                ]
            missing = missing_for[group]
            if not missing:
                continue
            reminder = Reminder(person.user_id, person.locale, occasion, list(missing))
            (due if verdict == "send" else plan.dropped).append(reminder)
        if paused:
            plan.skipped["paused"] = plan.skipped.get("paused", 0) + 1
        if due:
            # one message per person per run: the newest, the most urgent on a shared day
            due.sort(key=lambda r: (r.occasion.on, _URGENCY.get(r.occasion.kind.split("-")[0], 0)))
            plan.reminders.append(due[-1])
            plan.superseded.extend(due[:-1])
    return plan
