"""`python -m bot import-roadmap FILE --load`: load a roadmap into the bot's database, with
the summary and the diff an admin sees in the bot."""

from __future__ import annotations

from pathlib import Path

from bot.cli import CliError
from bot.composition import prepare
from bot.domain.catalog import RoadmapEntry
from bot.domain.roadmap import Item, Roadmap
from bot.logging_setup import redact_url
from bot.services.roadmaps import ImportPreview, Loaded
from bot.settings import Settings
from storage.db import is_postgres

CODES_SHOWN = 40


def existing_database(settings: Settings) -> str:
    """The bot's database; an error if there is none (a new empty one would hold only this
    roadmap, and the bot would not find its coordinators in it). A PostgreSQL database is
    named without its password."""
    if is_postgres(settings.database):
        return redact_url(settings.database)
    path = Path(settings.database).absolute()
    if not (path.is_file() and path.stat().st_size > 0):
        raise CliError(
            f"the database {path} does not exist or is empty. import-roadmap --load loads "
            "into the bot's database and will not create one: give its path with --db PATH "
            "or DATABASE_PATH in .env (start the bot once to create it)"
        )
    return str(path)


async def load_roadmap_file(settings: Settings, roadmap: Roadmap) -> list[str]:
    """Load `roadmap` into the database as a new roadmap or a corrected edition; what was
    done, as lines to print."""
    path = existing_database(settings)
    app = await prepare(settings, None)
    try:
        service = app.services.roadmaps
        preview = service.preview(roadmap)
        lines = [f"database: {path}", *summary_lines(preview)]
        if preview.unchanged:
            return [*lines, "this edition is loaded already: nothing to load"]
        result = await service.load(preview, None)
        if not isinstance(result, Loaded):
            raise CliError("another edition of this roadmap was loaded meanwhile: run again")
        entry = result.entry
        return [
            *lines,
            f"loaded: No. {entry.number} «{entry.short_name}», {len(entry.roadmap.items)} "
            "activities; a running bot serves it within a minute",
        ]
    finally:
        await app.close()


def summary_lines(preview: ImportPreview) -> list[str]:
    """The summary an admin sees in the bot, in plain text."""
    roadmap = preview.roadmap
    name = RoadmapEntry(preview.number, roadmap).short_name
    known = preview.recognised
    lines = [
        f"title: {roadmap.title}",
        "parties: " + "; ".join(f"{p.name} ({p.timezone})" for p in roadmap.parties),
        f"period: {roadmap.years}",
        f"{len(roadmap.sections)} sections, {len(roadmap.items)} activities, "
        f"{len(roadmap.departments)} departments",
        f"departments known already: {len(known)}"
        + (": " + "; ".join(d.name for d in known[:3]) if known else "")
        + (f" and {len(known) - 3} more" if len(known) > 3 else ""),
    ]
    if preview.replaces is None:
        return [*lines, f"a new roadmap: No. {preview.number} «{name}»"]
    lines.append(f"a corrected edition of No. {preview.number} «{name}»")
    changes = preview.diff
    assert changes is not None
    for label, items in (
        ("added", changes.added),
        ("changed", changes.changed),
        ("retired", changes.retired),
    ):
        if items:
            lines.append(f"  {label} ({len(items)}): {_codes(items)}")
    if changes.empty:
        lines.append("  the same activities (the title, sections or time zones differ)")
    if preview.retires_most:
        lines.append(
            f"warning: this edition retires {len(changes.retired)} of the "
            f"{len(preview.replaces.roadmap.items)} activities: it may be a different agreement "
            "between the same parties and years (the bot offers to load it as a new roadmap)"
        )
    return lines


def _codes(items: list[Item]) -> str:
    codes = ", ".join(item.code for item in items[:CODES_SHOWN])
    more = len(items) - CODES_SHOWN
    return codes + (f" and {more} more" if more > 0 else "")
