"""The bot as a process: it stops in bounded time whatever is pending, and refuses a
database it cannot use with one line."""

from __future__ import annotations

import asyncio
import shutil
import signal
import subprocess
import time

import pytest

from storage import open_database
from tests.e2e.process import USER, prepare_database, start_bot

pytestmark = pytest.mark.slow


async def test_sigterm_while_a_chat_is_flood_waited_stops_within_10_s(emulator, tmp_path):
    db_path = tmp_path / "bot.sqlite3"
    await prepare_database(db_path)
    emulator.add_user(USER, "Анна")
    process = await start_bot(emulator, db_path)
    try:
        first = emulator.send_text(USER, "/help")
        await emulator.wait_handled(first, seconds=60)
        emulator.flood(USER, 300)  # Telegram: nothing for this chat for five minutes
        last = 0
        for n in range(3):
            last = emulator.send_text(USER, f"/update 4.{n + 1} выполняется: шаг {n}")
        await emulator.wait_handled(last, seconds=30)
        began = time.monotonic()
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 15) == 0
        assert time.monotonic() - began < 10
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    db = await open_database(db_path)
    try:
        saved = await db.fetchall("SELECT comment FROM status_updates ORDER BY id")
        queued = await db.fetchall("SELECT text FROM outbox WHERE state = 'pending'")
    finally:
        await db.close()
    assert [r[0] for r in saved] == ["шаг 0", "шаг 1", "шаг 2"]
    # the answers Telegram would not take wait in the outbox for the next start
    assert len(queued) == 3 and all(r[0].startswith("✅ Сохранено") for r in queued)


def make_read_only(path) -> bool:
    """Make the file read-only, even for root (who ignores permissions); False if this
    machine cannot (root, and a file system without the immutable flag)."""
    path.chmod(0o444)
    if shutil.which("chattr"):
        subprocess.run(["chattr", "+i", str(path)], check=False, capture_output=True)
    try:
        with open(path, "ab"):
            return False
    except PermissionError:
        return True


def make_writable(path) -> None:
    if shutil.which("chattr"):
        subprocess.run(["chattr", "-i", str(path)], check=False, capture_output=True)
    path.chmod(0o644)


async def test_a_read_only_database_is_named_in_one_line_and_exit_2(emulator, tmp_path):
    db_path = tmp_path / "bot.sqlite3"
    await prepare_database(db_path)
    try:
        if not await asyncio.to_thread(make_read_only, db_path):
            pytest.skip("this machine cannot make a file read-only for root")
        process = await start_bot(emulator, db_path, stderr=asyncio.subprocess.PIPE)
        _, err = await asyncio.wait_for(process.communicate(), 60)
    finally:
        await asyncio.to_thread(make_writable, db_path)
    assert process.returncode == 2
    assert err.decode().strip().splitlines() == [
        f"error: database {db_path} cannot be used: it is read-only "
        "(check the file's and folder's permissions)"
    ]
