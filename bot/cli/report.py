"""`python -m bot report`: a roadmap's annual report as a file, built as /report builds it."""

from __future__ import annotations

from bot.composition import prepare
from bot.documents.annual_report import render_docx, render_xlsx
from bot.domain.catalog import Catalog, RoadmapEntry
from bot.domain.roadmap import RoadmapError
from bot.settings import Settings


def chosen_roadmap(catalog: Catalog, number: int | None) -> RoadmapEntry:
    """`--roadmap N`; without it the only roadmap there is, or which ones there are."""
    listed = "; ".join(f"{e.number}: {e.short_name}" for e in catalog.entries)
    if number is None:
        if catalog.several:
            raise RoadmapError(f"several roadmaps: choose one with --roadmap N ({listed})")
        number = catalog.entries[0].number if catalog.entries else 1
    entry = catalog.entry(number)
    if entry is None:
        raise RoadmapError(f"--roadmap {number}: no such roadmap ({listed})")
    return entry


async def build_report(
    settings: Settings, year: int | None, fmt: str, roadmap: int | None = None
) -> tuple[int, bytes, int]:
    """(year, file content, number of status reports in it)."""
    app = await prepare(settings, None)
    try:
        annual = app.services.annual
        entry = chosen_roadmap(app.roadmap, roadmap)
        years = annual.years(entry.number)
        year = year or years[-1]
        if year not in years:
            raise RoadmapError(
                f"--year {year}: the roadmap's years are {years[0]}-{years[-1]}"
                + ("" if entry.number == 1 else f" (roadmap {entry.number})")
            )
        data = await annual.load(year, entry.number)
    finally:
        await app.close()
    content = render_docx(data) if fmt == "docx" else render_xlsx(data)
    return year, content, data.standing
