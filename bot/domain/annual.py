"""The annual report's content: per activity and side, the year-end text (confirmed, or the
draft compiled from the year's reports), the status at the year's end with its date; and
every report of the year, withdrawn ones marked, for the log."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.catalog import Catalog
from bot.domain.reports import StatusReport
from bot.domain.roadmap import Item
from bot.domain.year_end import YearEntry, YearText, build_entries

# The office's calendar: a report belongs to the year in which it was made in Moscow time.
REPORT_ZONE = ZoneInfo("Europe/Moscow")


@dataclass(slots=True)
class ItemYear:
    """One activity's year: each side's departments that have something to say."""

    item: Item
    sides: dict[str, list[YearEntry]] = field(default_factory=dict)  # party id -> entries

    def side(self, party: str) -> list[YearEntry]:
        """The side's entries with a text or a status (an empty list: «нет данных»)."""
        return [e for e in self.sides.get(party, []) if e.text or e.latest is not None]


@dataclass(slots=True)
class AnnualReport:
    roadmap: Catalog
    year: int
    items: list[ItemYear]
    reports: list[StatusReport]  # every report of the year, oldest first, withdrawn too
    generated: datetime

    @property
    def texts(self) -> tuple[int, int]:
        """(confirmed, all): the year-end texts of every activity and executor."""
        entries = [e for item in self.items for side in item.sides.values() for e in side]
        return sum(1 for e in entries if e.confirmed is not None), len(entries)

    @property
    def standing(self) -> int:
        """How many of the year's reports stand (not withdrawn)."""
        return sum(1 for r in self.reports if r.standing)


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """[start, end) of a report year, in the office's time zone."""
    return datetime(year, 1, 1, tzinfo=REPORT_ZONE), datetime(year + 1, 1, 1, tzinfo=REPORT_ZONE)


def build_annual_report(
    roadmap: Catalog,
    year: int,
    reports: list[StatusReport],
    generated: datetime,
    latest: dict[tuple[str, str], StatusReport] | None = None,
    confirmed: dict[tuple[str, str], YearText] | None = None,
) -> AnnualReport:
    """In roadmap order, for every executor of every activity: its year-end entry. `latest`
    is each (activity, department)'s latest standing report up to the year's end (by
    default, the latest of `reports`)."""
    if latest is None:
        latest = {}
        for report in sorted(reports, key=lambda r: (r.created_at, r.id)):
            if report.standing:
                latest[(report.item_code, report.department_id)] = report
    pairs = [(item, dep) for item in roadmap.items for dep in item.departments()]
    standing = [r for r in reports if r.standing]
    entries = build_entries(year, pairs, standing, latest, confirmed or {})
    by_item = {item.code: ItemYear(item) for item in roadmap.items}
    for entry in entries:
        department = roadmap.department(entry.department_id)
        party = department.party if department else ""
        by_item[entry.item.code].sides.setdefault(party, []).append(entry)
    return AnnualReport(roadmap, year, list(by_item.values()), reports, generated)


def report_years(roadmap: Catalog) -> range:
    """The years an annual report can be asked for: the roadmaps', and any they were
    prolonged by."""
    return roadmap.report_years()


def parse_year(text: str | None, years: range, default: int) -> int | None:
    """The year asked for, the default if none, or None if it is not a roadmap year."""
    if not text or not text.strip():
        return default
    word = text.split()[0]
    # decimal digits of any script (a phone may type full-width ones); not ², which is a digit
    # but no number int() reads
    return int(word) if word.isdecimal() and int(word) in years else None
