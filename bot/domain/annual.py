"""The annual report's content: a year of status reports by activity and side."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.reports import StatusReport
from bot.domain.roadmap import Item, Roadmap

# The office's calendar: a report belongs to the year in which it was made in Moscow time.
REPORT_ZONE = ZoneInfo("Europe/Moscow")


@dataclass(slots=True)
class ItemYear:
    item: Item
    by_party: dict[str, list[StatusReport]] = field(default_factory=dict)

    def last(self, party: str) -> StatusReport | None:
        reports = self.by_party.get(party)
        return reports[-1] if reports else None


@dataclass(slots=True)
class AnnualReport:
    roadmap: Roadmap
    year: int
    items: list[ItemYear]
    reports: list[StatusReport]
    generated: datetime


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """[start, end) of a report year, in the office's time zone."""
    return datetime(year, 1, 1, tzinfo=REPORT_ZONE), datetime(year + 1, 1, 1, tzinfo=REPORT_ZONE)


def build_annual_report(
    roadmap: Roadmap, year: int, reports: list[StatusReport], generated: datetime
) -> AnnualReport:
    """Group the year's reports (oldest first) by item and side, in roadmap order."""
    by_item = {item.code: ItemYear(item) for item in roadmap.items}
    for report in reports:
        entry = by_item.get(report.item_code)
        if entry is not None:
            entry.by_party.setdefault(report.party_id, []).append(report)
    return AnnualReport(roadmap, year, list(by_item.values()), reports, generated)


def report_years(roadmap: Roadmap, active_until: int | None) -> range:
    """The years an annual report can be asked for: the roadmap's, and any it was prolonged by."""
    return range(roadmap.years.start, max(roadmap.years.end, active_until or 0) + 1)


def parse_year(text: str | None, years: range, default: int) -> int | None:
    """The year asked for, the default if none, or None if it is not a roadmap year."""
    if not text or not text.strip():
        return default
    word = text.split()[0]
    # decimal digits of any script (a phone may type full-width ones); not ², which is a digit
    # but no number int() reads
    return int(word) if word.isdecimal() and int(word) in years else None
