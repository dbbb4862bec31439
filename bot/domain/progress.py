"""Progress at a glance and who is late: status counts and the gaps in reporting."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from bot.domain.catalog import Catalog
from bot.domain.people import Person
from bot.domain.planner import Reported
from bot.domain.reports import StatusReport
from bot.domain.roadmap import Department
from bot.domain.statuses import Status

NO_DATA = "no_data"
CATEGORIES = [*(s.value for s in Status), NO_DATA]


@dataclass(slots=True)
class Gap:
    """A department that owes reports (or year-end texts) on these activities, and who can
    be chased for them (none: a department without a coordinator)."""

    department: Department
    items: list[str]
    coordinators: list[Person] = field(default_factory=list)

    @property
    def chaseable(self) -> bool:
        """Someone a reminder reaches (not all who blocked the bot)."""
        return any(not person.unreachable for person in self.coordinators)


def find_gaps(
    roadmap: Catalog,
    reported: Reported,
    covers: tuple[date, date],
    zone: ZoneInfo,
    coordinators: list[tuple[str, Person]],
    quarterly: bool = False,
) -> list[Gap]:
    """Departments with activities that have no report from them in the period. With
    `quarterly`, one reported done owes no more."""
    return _gaps(
        roadmap,
        coordinators,
        lambda code, dep: (
            not reported.within(code, dep, covers, zone)
            and not (quarterly and _done(reported, code, dep))
        ),
        covers[0].year,
    )


def find_year_gaps(
    roadmap: Catalog,
    confirmed: Iterable[tuple[str, str]],
    coordinators: list[tuple[str, Person]],
    year: int | None = None,
) -> list[Gap]:
    """Departments whose year-end texts are not confirmed yet, on these activities: what the
    annual report still lacks. With `year`, only roadmaps that run that year count."""
    done = frozenset(confirmed)
    return _gaps(roadmap, coordinators, lambda code, dep: (code, dep) not in done, year)


def order_gaps(roadmap: Catalog, gaps: list[Gap]) -> list[Gap]:
    """What can be chased first (departments with a coordinator), each group by side in the
    roadmap's order of sides, departments in the roadmap's order."""
    sides = {party.id: n for n, party in enumerate(roadmap.parties)}
    return sorted(gaps, key=lambda g: (not g.chaseable, sides.get(g.department.party, 99)))


def _gaps(
    roadmap: Catalog,
    coordinators: list[tuple[str, Person]],
    owes: Callable[[str, str], bool],
    year: int | None = None,
) -> list[Gap]:
    """Departments that owe something, by `owes(code, department)`; with `year`, on the
    activities of roadmaps that take reports that year."""
    items_open = [item for item in roadmap.items if year is None or roadmap.is_open(item, year)]
    people: dict[str, list[Person]] = {}
    for dep_id, person in coordinators:
        people.setdefault(dep_id, []).append(person)
    gaps = []
    for department in roadmap.departments:
        items = [
            item.code
            for item in items_open
            if department.id in item.departments() and owes(item.code, department.id)
        ]
        if items:
            gaps.append(Gap(department, items, people.get(department.id, [])))
    return order_gaps(roadmap, gaps)


def _done(reported: Reported, item: str, department: str) -> bool:
    status = reported.standing.get((item, department))
    return status is not None and Status(status).final


def status_counts(
    roadmap: Catalog, latest: dict[str, dict[str, StatusReport]]
) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """Latest status of each side on each activity, counted by section and by side."""
    by_section: dict[str, Counter] = {s.code: Counter() for s in roadmap.sections}
    by_party: dict[str, Counter] = {p.id: Counter() for p in roadmap.parties}
    for item in roadmap.items:
        for party in roadmap.parties:
            if not item.executors.get(party.id):
                continue
            report = latest.get(item.code, {}).get(party.id)
            category = report.status if report else NO_DATA
            by_section.setdefault(item.section, Counter())[category] += 1
            by_party[party.id][category] += 1
    return by_section, by_party
