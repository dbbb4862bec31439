"""`python -m bot report`: the annual report as a file, built as /report builds it."""

from __future__ import annotations

from bot.composition import prepare
from bot.documents.annual_report import render_docx, render_xlsx
from bot.domain.roadmap import RoadmapError
from bot.settings import Settings


async def build_report(settings: Settings, year: int | None, fmt: str) -> tuple[int, bytes, int]:
    """(year, file content, number of status reports in it)."""
    app = await prepare(settings, None)
    try:
        annual = app.services.annual
        years = annual.years()
        year = year or years[-1]
        if year not in years:
            raise RoadmapError(f"--year {year}: the roadmap's years are {years[0]}-{years[-1]}")
        data = await annual.load(year)
    finally:
        await app.close()
    content = render_docx(data) if fmt == "docx" else render_xlsx(data)
    return year, content, data.standing
