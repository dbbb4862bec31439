"""The bot as its own process, as it runs in production: a database set up for it, and
`python -m bot` against the emulator."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
import threading
from datetime import date
from pathlib import Path

from bot.domain.catalog import Catalog, RoadmapEntry
from bot.domain.people import AuditRecord
from bot.domain.roadmap import load_roadmap
from storage import Repository, open_database
from tests.conftest import ROADMAP_JSON, ROOT

USER = 1001
CULTURE_SPB_ID = "spb-9cdf3d"


async def prepare_database(path) -> None:
    """An approved coordinator, set up the way the bot itself would store one.

    These tests run the bot on the real clock, years after the shipped 2020-2022 roadmap
    ended: the office has prolonged it to next year, so reports are taken, and the
    coordinator has paused reminders, so whatever today's date no reminder lands in the
    chat a test reads."""
    db = await open_database(path)
    repo = Repository(db)
    roadmap = load_roadmap(ROADMAP_JSON)
    next_year = date.today().year + 1
    await repo.store_roadmap(1, roadmap, source="file", active_until=next_year)
    await repo.sync_roadmap(Catalog([RoadmapEntry(1, roadmap, next_year)]))
    await repo.touch_user(USER, "Анна", None, None, "ru")
    await repo.set_user_setting(USER, "reminders_paused_until", f"{next_year}-12-31")
    joined = AuditRecord(USER, "membership.join", USER, CULTURE_SPB_ID)
    await repo.request_membership(USER, CULTURE_SPB_ID, True, joined)
    await db.close()


def bot_env(emulator, db_path: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "BOT_TOKEN": emulator.token,
        "TELEGRAM_API_URL": emulator.api_base,
        "DATABASE_PATH": str(db_path),
        "ROADMAP_PATH": str(ROADMAP_JSON),
        "ADMIN_IDS": "1",
        "LOG_LEVEL": "WARNING",
        "REPLY_SPACING": "false",  # as in make_settings: the test users write at once
    }


async def start_bot(emulator, db_path: Path, stderr=asyncio.subprocess.DEVNULL):
    """`python -m bot` with long polling against the emulator, on this database."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=db_path.parent,
        env=bot_env(emulator, db_path),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=stderr,
    )


def hold_lock(
    path, seconds: float, locked: threading.Event, release: threading.Event | None = None
) -> None:
    """Another process's writer: an exclusive lock held for a while (or, given `release`,
    until it is set, `seconds` at most)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN EXCLUSIVE")
        locked.set()
        (release or threading.Event()).wait(seconds)
        connection.execute("COMMIT")
    finally:
        connection.close()
