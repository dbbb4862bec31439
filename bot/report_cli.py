"""`python -m bot report`: the yearly report as a file, built as /report builds it."""

from __future__ import annotations

from bot.clock import SystemClock
from bot.report import load_year_report, render_docx, render_xlsx, report_years
from bot.roadmap import RoadmapError, load_roadmap
from bot.settings import Settings
from storage import Repository, open_database


async def build_report(settings: Settings, year: int | None, fmt: str) -> tuple[int, bytes, int]:
    """(year, file content, number of updates in it)."""
    roadmap = load_roadmap(settings.roadmap_path)
    years = report_years(roadmap, settings.roadmap_active_until)
    year = year or years[-1]
    if year not in years:
        raise RoadmapError(f"--year {year}: the roadmap's years are {years[0]}-{years[-1]}")
    db = await open_database(settings.database_path)
    try:
        repo = Repository(db)
        await repo.sync_roadmap(roadmap)
        data = await load_year_report(repo, roadmap, year, SystemClock().now())
    finally:
        await db.close()
    content = render_docx(data) if fmt == "docx" else render_xlsx(data)
    return year, content, len(data.updates)
