"""Progress at a glance and who is late: counts, gaps and the chart (no aiogram here)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from zoneinfo import ZoneInfo

from bot.reminders import Reported
from bot.reporting import Status
from bot.roadmap import Department, Roadmap
from storage.people import Person
from storage.updates import StatusUpdate

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
) -> list[Gap]:
    """Departments with activities that have no update from them in the period."""
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
        ]
        if items:
            gaps.append(Gap(department, items, people.get(department.id, [])))
    return gaps


def status_counts(
    roadmap: Roadmap, latest: dict[str, dict[str, StatusUpdate]]
) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """Latest status of each side on each activity, counted by section and by side."""
    by_section: dict[str, Counter] = {s.code: Counter() for s in roadmap.sections}
    by_party: dict[str, Counter] = {p.id: Counter() for p in roadmap.parties}
    for item in roadmap.items:
        for party in roadmap.parties:
            if not item.executors.get(party.id):
                continue
            update = latest.get(item.code, {}).get(party.id)
            category = update.status if update else NO_DATA
            by_section.setdefault(item.section, Counter())[category] += 1
            by_party[party.id][category] += 1
    return by_section, by_party


_COLOURS = {
    "done": "#2e7d32",
    "in_progress": "#1976d2",
    "not_started": "#9e9e9e",
    "postponed": "#f9a825",
    "at_risk": "#c62828",
    NO_DATA: "#e0e0e0",
}


def render_chart(
    roadmap: Roadmap, by_section: dict[str, Counter], labels: dict[str, str], title: str
) -> bytes:
    """Stacked bars by section, one stack per status; PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator

    sections = [s.code for s in roadmap.sections]
    figure, axes = plt.subplots(figsize=(9, 5), dpi=110)
    bottoms = [0] * len(sections)
    for category in CATEGORIES:
        values = [by_section.get(code, Counter())[category] for code in sections]
        axes.bar(sections, values, bottom=bottoms, label=labels[category], color=_COLOURS[category])
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    axes.set_xlabel("Раздел дорожной карты")
    axes.set_ylabel("Мероприятия × стороны")
    axes.set_title(title)
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    figure.tight_layout()
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()
