"""Killing the bot in the middle of a burst of reports loses nothing and doubles nothing."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from bot.domain.people import AuditRecord
from storage import Repository, open_database
from tests.conftest import ROADMAP_JSON, ROOT

BURST = 40
USER = 1001
CULTURE_SPB_ID = "spb-9cdf3d"


async def prepare_database(path) -> None:
    """An approved coordinator, set up the way the bot itself would store one."""
    from bot.domain.roadmap import load_roadmap

    db = await open_database(path)
    repo = Repository(db)
    await repo.sync_roadmap(load_roadmap(ROADMAP_JSON))
    await repo.touch_user(USER, "Анна", None, None, "ru")
    joined = AuditRecord(USER, "membership.join", USER, CULTURE_SPB_ID)
    await repo.request_membership(USER, CULTURE_SPB_ID, True, joined)
    await db.close()


async def start_bot(emulator, db_path):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "BOT_TOKEN": emulator.token,
        "TELEGRAM_API_URL": emulator.api_base,
        "DATABASE_PATH": str(db_path),
        "ROADMAP_PATH": str(ROADMAP_JSON),
        "ADMIN_IDS": "1",
        "LOG_LEVEL": "WARNING",
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=db_path.parent,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def saved_count_reaches(emulator, count: int) -> None:
    reached = asyncio.Event()

    def watch(event: str, payload) -> None:
        saved = [m for m in emulator.sent_to(USER) if m.text.startswith("✅ Сохранено")]
        if len(saved) >= count:
            reached.set()

    emulator.listeners.append(watch)
    await asyncio.wait_for(reached.wait(), 60)
    emulator.listeners.remove(watch)


async def test_kill_9_in_a_burst_then_restart(emulator, tmp_path):
    db_path = tmp_path / "bot.sqlite3"
    await prepare_database(db_path)
    emulator.add_user(USER, "Анна")
    process = await start_bot(emulator, db_path)
    try:
        first = emulator.send_text(USER, "/update 4.1 выполняется: разогрев")
        await emulator.wait_handled(first, seconds=60)
        ids = [
            emulator.send_text(USER, f"/update 4.{1 + n % 4} выполняется: отчёт {n}")
            for n in range(BURST)
        ]
        await saved_count_reaches(emulator, 1 + BURST // 4)
        process.send_signal(signal.SIGKILL)
        await process.wait()
        handled_before = emulator.confirmed_offset
        assert handled_before <= ids[-1], "the kill came too late to test anything"
        process = await start_bot(emulator, db_path)
        await emulator.wait_handled(ids[-1], seconds=60)
    finally:
        if process.returncode is None:
            process.terminate()
            await process.wait()

    db = await open_database(db_path)
    try:
        rows = await db.fetchall("SELECT comment FROM status_updates ORDER BY id")
    finally:
        await db.close()
    comments = [r[0] for r in rows]
    expected = ["разогрев"] + [f"отчёт {n}" for n in range(BURST)]
    assert sorted(comments) == sorted(expected), "an update was lost or applied twice"
    saved_messages = [m for m in emulator.sent_to(USER) if m.text.startswith("✅ Сохранено")]
    assert len(saved_messages) >= len(expected)  # a redelivered update may say "saved" again
