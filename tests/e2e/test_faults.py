"""Faults: the database locked by another process; Telegram slow or failing for a while."""

from __future__ import annotations

import asyncio
import sqlite3
import threading

import pytest

from storage.db import BUSY_TIMEOUT_MS
from tests.e2e.process import hold_lock
from tests.e2e.scenario import CULTURE_SPB, coordinator

# the database faults here are SQLite's file locks; PostgreSQL's are in test_postgres.py
pytestmark = pytest.mark.sqlite_only


async def test_a_locked_database_makes_requests_wait_then_succeed(live, tmp_path):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    locked = threading.Event()
    holder = threading.Thread(target=hold_lock, args=(live.settings.database_path, 1.5, locked))
    holder.start()
    await asyncio.to_thread(locked.wait, 5)
    [saved] = await anna.send("/update 4.1 выполняется: пока база занята")
    await asyncio.to_thread(holder.join)
    assert saved.text.startswith("✅ Сохранено")
    row = await live.running.repo.db.fetchone("SELECT comment FROM status_updates")
    assert row[0] == "пока база занята"


@pytest.mark.slow
async def test_a_lock_held_too_long_fails_clearly_and_saves_nothing(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    locked, release = threading.Event(), threading.Event()
    # held until the answer is in: a write queued ahead of the save (the bot's own
    # bookkeeping) must not use up the wait and let the save through once a fixed hold ends
    seconds = 4 * BUSY_TIMEOUT_MS / 1000
    holder = threading.Thread(
        target=hold_lock, args=(live.settings.database_path, seconds, locked, release)
    )
    holder.start()
    await asyncio.to_thread(locked.wait, 5)
    anna.seconds = seconds
    before = len(live.emulator.sent_to(1001))
    sending = asyncio.create_task(anna.send("/update 4.1 выполняется: не успеет"))
    for _ in range(int(seconds * 10)):  # until the bot has given up and said so
        if len(live.emulator.sent_to(1001)) > before:
            break
        await asyncio.sleep(0.1)
    release.set()
    replies = await sending  # confirmed once the lock is gone
    await asyncio.to_thread(holder.join)
    assert replies[-1].text.startswith("Что-то пошло не так, и действие не выполнено")
    assert await live.running.repo.db.fetchall("SELECT * FROM status_updates") == []
    [saved] = await anna.send("/update 4.1 выполняется: теперь успеет")
    assert saved.text.startswith("✅ Сохранено")


async def test_telegram_silent_for_a_while_then_back(live):
    anna = live.user(1001)
    live.emulator.fail(0, method="getUpdates", delay=1.5, times=1)  # a stalled poll
    live.emulator.fail(502, method="sendMessage", times=2)
    reply, *_ = await anna.send("/start")
    assert reply.text.startswith("Здравствуйте")


async def test_a_batch_that_fails_before_handling_comes_again(live, monkeypatch):
    anna = live.user(1001)
    repo = live.running.repo
    real, failures = repo.processed_among, []

    async def unreadable_once(update_ids):
        if not failures:
            failures.append(update_ids)
            raise sqlite3.OperationalError("disk I/O error")
        return await real(update_ids)

    monkeypatch.setattr(repo, "processed_among", unreadable_once)
    anna.seconds = 15
    reply, *_ = await anna.send("/start")
    assert failures and reply.text.startswith("Здравствуйте")
    assert len([m for m in live.emulator.sent_to(1001) if m.text.startswith("Здравствуйте")]) == 1
