"""Who is owed which reminder about which activities: the planner, shared by the scheduled
reminders and the office's nudge."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.calendar import Occasion
from bot.domain.catalog import Catalog
from bot.domain.people import paused_on
from bot.domain.periods import Quarter
from bot.domain.statuses import Status

SEND = "send"
DROP = "drop"  # fell due too long ago (the bot was down): logged, not sent


class Reported:
    """When each department reported on each item: answers "anything within these dates?"."""

    def __init__(
        self,
        moments: Iterable[tuple[str, str, datetime]],
        standing: Mapping[tuple[str, str], str] | None = None,
        confirmed: Iterable[tuple[str, str, int]] = (),
    ) -> None:
        """`standing`: (item, department) -> the status of its latest standing report of any
        date: what "no change" can carry forward, and what is done. `confirmed`: (item,
        department, year) whose year-end text is confirmed: what a year's reminders ask for."""
        self.standing: Mapping[tuple[str, str], str] = standing or {}
        self.confirmed = frozenset(confirmed)
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
    items: list[str] = field(default_factory=list)  # codes still without a report
    carryable: int = 0  # of those, how many have an earlier status of the person's side


@dataclass(slots=True)
class Plan:
    reminders: list[Reminder] = field(default_factory=list)
    dropped: list[Reminder] = field(default_factory=list)  # fell due too long ago
    superseded: list[Reminder] = field(default_factory=list)  # a newer one goes instead
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> users

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


_URGENCY = {"quarterly": 1, "nudge": 1, "yearend": 2, "annual": 2, "overdue": 3}

Selects = Callable[[Occasion, ZoneInfo], str | None]


def plan_reminders(
    roadmap: Catalog,
    occasions: Sequence[Occasion],
    coordinators: Iterable[Coordinator],
    reported: Reported,
    selects: Selects,
) -> Plan:
    """Who gets which reminder about which items, for these occasions.

    `selects(occasion, zone)` says SEND, DROP or None (not for this run). A coordinator who
    cannot be reached, or has paused reminders past the occasion's date, gets nothing; one
    with nothing missing gets nothing; one owed several gets only the newest, most urgent.
    """
    plan = Plan()
    # keyed by the occasion's place in `occasions`: hashing the dataclass itself, thousands
    # of times a run, cost more than the look-ups it keys
    verdicts: dict[tuple[int, str], str | None] = {}
    missing_for: dict[tuple[tuple[str, ...], int, str], tuple[list[str], int]] = {}
    executors = _Executors(roadmap)
    for person in coordinators:
        if person.unreachable:
            plan.skip("unreachable")
            continue
        due: list[Reminder] = []
        paused = False
        for number, occasion in enumerate(occasions):
            # a handful of zones and department sets serve thousands of people
            key = (number, person.zone.key)
            if key not in verdicts:
                verdicts[key] = selects(occasion, person.zone)
            verdict = verdicts[key]
            if verdict is None:
                continue
            if paused_on(person.paused_until, occasion.on):
                paused = paused or verdict == SEND
                continue
            group = (person.departments, number, person.zone.key)
            if group not in missing_for:
                missing_for[group] = _missing(executors, person, occasion, reported)
            missing, carryable = missing_for[group]
            if not missing:
                continue
            reminder = Reminder(person.user_id, person.locale, occasion, list(missing), carryable)
            (due if verdict == SEND else plan.dropped).append(reminder)
        if paused:
            plan.skip("paused")
        if due:
            # one message per person per run: the newest, the most urgent on a shared day
            due.sort(key=lambda r: (r.occasion.on, _URGENCY.get(r.occasion.kind.split("-")[0], 0)))
            plan.reminders.append(due[-1])
            plan.superseded.extend(due[:-1])
    return plan


class _Executors:
    """Each item with its departments and the years it takes reports in (its roadmap's
    period, and any extension), found by department: a coordinator's items without
    reading all of the roadmaps' for every department set."""

    def __init__(self, roadmap: Catalog) -> None:
        self.items = [
            (item.code, item.departments(), roadmap.entry_of(item).years) for item in roadmap.items
        ]
        self._positions: dict[str, list[int]] = {}
        for position, (_, deps, _) in enumerate(self.items):
            for dep in deps:
                self._positions.setdefault(dep, []).append(position)

    def of(self, departments: Iterable[str]) -> list[tuple[str, list[str], range]]:
        """The items any of these departments executes, in the roadmaps' order."""
        found = {n for dep in departments for n in self._positions.get(dep, ())}
        return [self.items[n] for n in sorted(found)]


def _missing(
    executors: _Executors,
    person: Coordinator,
    occasion: Occasion,
    reported: Reported,
) -> tuple[list[str], int]:
    """The person's items their side still owes for the occasion, and how many of those
    have an earlier status to carry forward. A quarter owes a report within its dates (none
    once reported done); a year owes each department's confirmed year-end text."""
    quarterly = isinstance(occasion.period, Quarter)
    year = occasion.period.first.year
    missing, carryable = [], 0
    for code, deps, years in executors.of(person.departments):
        mine = [d for d in deps if d in person.departments]
        if year not in years:
            continue
        if not quarterly:
            if any((code, d, year) not in reported.confirmed for d in mine):
                missing.append(code)
            continue
        if any(reported.within(code, d, occasion.covers, person.zone) for d in mine):
            continue
        statuses = [s for d in mine if (s := reported.standing.get((code, d)))]
        if quarterly and any(Status(s).final for s in statuses):
            continue  # done: no more quarterly reports are owed on it
        missing.append(code)
        carryable += bool(statuses)
    return missing, carryable
