"""The annual report, one roadmap's: which roadmaps and years can be asked for, and a year's
reports gathered."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.domain.annual import (
    AnnualReport,
    build_annual_report,
    parse_year,
    report_years,
    year_bounds,
)
from bot.domain.catalog import Catalog, RoadmapEntry, item_key
from bot.domain.clock import Clock
from bot.domain.roadmap import Item, Roadmap
from bot.domain.scope import Scope, within
from bot.domain.year_end import OFFICE_ZONE, report_year
from bot.services.ports import StatusReports, YearTexts


@dataclass(frozen=True, slots=True)
class ReportAsked:
    """What `/report [year]` asks for: a roadmap and year; or the roadmaps to choose from
    (several are the office's); or, a year that is none of theirs, the years there are."""

    number: int | None = None
    year: int | None = None
    choices: list[RoadmapEntry] = field(default_factory=list)
    years: range = range(0)


@dataclass(slots=True)
class AnnualReportService:
    roadmap: Catalog
    reports: StatusReports
    texts: YearTexts
    clock: Clock

    def roadmaps(self, scope: Scope = None) -> list[RoadmapEntry]:
        """The roadmaps an office has annual reports of: every one, or its own."""
        return [e for e in self.roadmap.entries if scope is None or e.number in scope]

    def years(self, number: int | None = None) -> range:
        """Roadmap `number`'s years (its period, and any it was prolonged by); without a
        number, every roadmap's."""
        if number is None:
            return report_years(self.roadmap)
        entry = self.roadmap.entry(number)
        return entry.years if entry is not None else range(0)

    def asked(self, scope: Scope, text: str | None) -> ReportAsked:
        """`/report [year]` from an office with `scope`: which roadmap's report, which year.
        With several roadmaps, those that have the year typed (any, if none) are asked."""
        entries = self.roadmaps(scope)
        if len(entries) > 1:
            typed = self.year_asked(text) if text else None
            having = [e for e in entries if typed is None or typed in e.years]
            if not having or (text and typed is None):
                return ReportAsked(years=self.years_of(entries))
            if len(having) > 1:
                return ReportAsked(year=typed, choices=having)
            entries = having
        number = entries[0].number
        year = self.year_asked(text, number)
        if year is None:
            return ReportAsked(years=self.years(number))
        return ReportAsked(number, year)

    @staticmethod
    def years_of(entries: list[RoadmapEntry]) -> range:
        """The years of any of these roadmaps."""
        return range(min(e.years.start for e in entries), max(e.years.stop for e in entries))

    def year_asked(self, text: str | None, number: int | None = None) -> int | None:
        """The year in a command's argument; without one, the year whose report is being
        prepared (in January, the one just ended); None if it is not a roadmap year."""
        years = self.years(number)
        if not years:
            return None
        today = self.clock.now().astimezone(OFFICE_ZONE).date()
        return parse_year(text, years, report_year(today, years))

    async def load(self, year: int, number: int = 1) -> AnnualReport:
        """Roadmap `number`'s year: the texts as confirmed (or drafted), statuses at its
        end, every report on its activities, including those a later edition retired."""
        start, end = year_bounds(year)
        reports = await self.reports.reports_between(start, end, withdrawn=True)
        latest = await self.reports.latest_before(end)
        confirmed = await self.texts.year_texts(year)
        said = {r.item_code for r in reports if r.standing} | {code for code, _ in confirmed}
        catalog = self._catalog(number, said)
        mine = [r for r in reports if catalog.item(r.item_code) is not None]
        return build_annual_report(catalog, year, mine, self.clock.now(), latest, confirmed)

    def _catalog(self, number: int, said: set[str]) -> Catalog:
        """Roadmap `number` as its report reads it: its activities, and those a later
        edition retired that have something to say for the year, each in its section."""
        entry = self.roadmap.entry(number)
        if entry is None:
            raise KeyError(f"no roadmap {number}")
        retired = [i for i in entry.retired if item_key(number, i.code) in said]
        if not retired:
            return within(self.roadmap, frozenset({number}))
        roadmap = entry.roadmap
        items = _in_sections(roadmap, retired)
        departments = list(roadmap.departments)
        known = {d.id for d in departments}
        for item in retired:
            for dep_id in item.departments():
                department = self.roadmap.department(dep_id)
                if dep_id not in known and department is not None:
                    departments.append(department)
                    known.add(dep_id)
        whole = Roadmap(
            roadmap.title, roadmap.years, roadmap.parties, roadmap.sections, departments, items
        )
        return Catalog([RoadmapEntry(number, whole, entry.active_until)])


def _in_sections(roadmap: Roadmap, retired: list[Item]) -> list[Item]:
    """The roadmap's activities with the retired ones after those of their section (in
    their numbers' order); those of a section it no longer has at the end."""
    sections = [s.code for s in roadmap.sections]
    by_section: dict[str, list[Item]] = {code: [] for code in sections}
    for item in roadmap.items:
        by_section.setdefault(item.section, []).append(item)
    for item in sorted(retired, key=lambda i: _numbering(i.code)):
        by_section.setdefault(item.section, []).append(item)
    return [item for items in by_section.values() for item in items]


def _numbering(code: str) -> tuple[int, ...]:
    """4.10 after 4.9: the code's numbers, compared as numbers."""
    return tuple(int(n) for n in re.findall(r"\d+", code))
