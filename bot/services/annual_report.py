"""The annual report: which years can be asked for, and a year's reports gathered."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.annual import (
    AnnualReport,
    build_annual_report,
    parse_year,
    report_years,
    year_bounds,
)
from bot.domain.catalog import Catalog
from bot.domain.clock import Clock
from bot.domain.year_end import OFFICE_ZONE, report_year
from bot.services.ports import StatusReports, YearTexts


@dataclass(slots=True)
class AnnualReportService:
    roadmap: Catalog
    reports: StatusReports
    texts: YearTexts
    clock: Clock

    def years(self) -> range:
        return report_years(self.roadmap)

    def year_asked(self, text: str | None) -> int | None:
        """The year in a command's argument; without one, the year whose report is being
        prepared (in January, the one just ended); None if it is not a roadmap year."""
        years = self.years()
        today = self.clock.now().astimezone(OFFICE_ZONE).date()
        return parse_year(text, years, report_year(today, years))

    async def load(self, year: int) -> AnnualReport:
        """The year's texts as confirmed (or drafted), statuses at its end, every report."""
        start, end = year_bounds(year)
        reports = await self.reports.reports_between(start, end, withdrawn=True)
        latest = await self.reports.latest_before(end)
        confirmed = await self.texts.year_texts(year)
        return build_annual_report(self.roadmap, year, reports, self.clock.now(), latest, confirmed)
