"""Killing the bot in the middle of a burst of reports loses nothing and doubles nothing."""

from __future__ import annotations

import asyncio
import signal

import pytest

from storage import open_database
from tests.e2e.process import USER, prepare_database, start_bot

BURST = 40


async def saved_count_reaches(emulator, count: int) -> None:
    reached = asyncio.Event()

    def watch(event: str, payload) -> None:
        saved = [m for m in emulator.sent_to(USER) if m.text.startswith("✅ Сохранено")]
        if len(saved) >= count:
            reached.set()

    emulator.listeners.append(watch)
    await asyncio.wait_for(reached.wait(), 60)
    emulator.listeners.remove(watch)


@pytest.mark.slow
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
