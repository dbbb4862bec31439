"""Progress at a glance and who is late: status counts and the gaps in reporting."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from bot.domain.people import Person
from bot.domain.planner import Reported
from bot.domain.reports import StatusReport
from bot.domain.roadmap import Department, Roadmap
from bot.domain.statuses import Status

NO_DATA = "no_data"
CATEGORIES = [*(s.value for s in Status), NO_DATA]


@dataclass(slots=True)
class Gap:
    department: Department
    items: list[str]
    coordinators: list[Person] = field(default_factory=list)


def find_gaps(
    roadmap: Roadmap,
    reported: Reported,
    covers: tuple[date, date],
    zone: ZoneInfo,
    coordinators: list[tuple[str, Person]],
    quarterly: bool = False,
) -> list[Gap]:
    """Departments with activities that have no report from them in the period. With
    `quarterly`, one reported done owes no more."""
    people: dict[str, list[Person]] = {}
    for dep_id, person in coordinators:
        people.setdefault(dep_id, []).append(person)
    gaps = []
    for department in roadmap.departments:
        items = [
            item.code
            for item in roadmap.items
            if department.id in item.departments()
            and not reported.within(item.code, department.id, covers, zone)
            and not (quarterly and _done(reported, item.code, department.id))
        ]
        if items:
            gaps.append(Gap(department, items, people.get(department.id, [])))
    return gaps


def _done(reported: Reported, item: str, department: str) -> bool:
    status = reported.standing.get((item, department))
    return status is not None and Status(status).final


def status_counts(
    roadmap: Roadmap, latest: dict[str, dict[str, StatusReport]]
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
