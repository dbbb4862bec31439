"""Storage: migrations, pragmas, roadmap sync that never loses reported history."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.people import AuditRecord
from storage import Repository, open_database
from storage.db import MigrationError, migrations


async def test_migrations_from_empty_and_rerun(tmp_path: Path):
    path = tmp_path / "db.sqlite3"
    db = await open_database(path)
    latest = migrations()[-1][0]
    assert await db.schema_version() == latest
    tables = {r[0] for r in await db.fetchall("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {
        "users",
        "departments",
        "items",
        "memberships",
        "status_updates",
        "reminder_log",
        "processed_updates",
        "fsm_state",
        "item_executors",
        "parties",
        "sections",
    } <= tables
    await db.close()
    db = await open_database(path)
    assert await db.migrate() == []
    assert await db.schema_version() == latest
    await db.close()


@pytest.mark.sqlite_only
async def test_pragmas_are_durable(repo: Repository):
    db = repo.db
    assert (await db.fetchone("PRAGMA journal_mode"))[0] == "wal"
    assert (await db.fetchone("PRAGMA foreign_keys"))[0] == 1
    assert (await db.fetchone("PRAGMA synchronous"))[0] == 2  # FULL
    # writes wait out another process's lock in aiosqlite's thread; look-ups on the event
    # loop give up at once and go there too, so the loop never waits
    [[writer_wait]] = await db.connection.execute_fetchall("PRAGMA busy_timeout")
    assert writer_wait >= 5000
    assert (await db.fetchone("PRAGMA busy_timeout"))[0] <= 200


async def test_a_database_from_newer_code_is_refused(tmp_path: Path):
    path = tmp_path / "db.sqlite3"
    db = await open_database(path)
    await db.connection.execute("PRAGMA user_version = 999")
    await db.close()
    with pytest.raises(MigrationError, match="newer than this code"):
        await open_database(path)


async def test_roadmap_sync_is_idempotent(repo: Repository, roadmap):
    first = await repo.sync_roadmap(roadmap)
    assert first.changed and first.added == {
        "parties": 2,
        "sections": 9,
        "departments": 27,
        "items": 23,
    }
    assert not (await repo.sync_roadmap(roadmap)).changed
    assert await repo.roadmap_counts() == {
        "parties": 2,
        "sections": 9,
        "departments": 27,
        "items": 23,
    }
    assert await repo.item_executors("7.2") == roadmap.item("7.2").departments()


async def test_a_changed_roadmap_keeps_reported_history(repo: Repository, roadmap):
    await repo.sync_roadmap(roadmap)
    await repo.touch_user(1001, "Анна", None, None, "ru")
    item = roadmap.item("4.1")
    await repo.db.write(
        lambda conn: conn.execute(
            "INSERT INTO status_updates (item_code, department_id, user_id, status, created_at) "
            "VALUES (?, ?, ?, 'in_progress', '2021-03-01T10:00:00+00:00')",
            (item.code, item.executors["spb"][0], 1001),
        )
    )
    shorter = dataclasses.replace(
        roadmap.merged,
        items=[i for i in roadmap.items if i.code != "4.1"],
        title=roadmap.title + " (ред. 2021)",
    )
    result = await repo.sync_roadmap(shorter)
    assert result.retired["items"] == 1
    assert (await repo.roadmap_counts())["items"] == 22
    kept = await repo.db.fetchall("SELECT item_code FROM status_updates")
    assert [r[0] for r in kept] == ["4.1"]
    # and it comes back, active again, when the roadmap names it again
    await repo.sync_roadmap(roadmap)
    assert (await repo.roadmap_counts())["items"] == 23


async def test_the_sender_is_read_with_their_memberships(repo: Repository, roadmap):
    """One look-up per update gives the profile and the memberships of active departments,
    in the roadmap's order; memberships only of retired departments still find the person."""
    await repo.sync_roadmap(roadmap)
    assert (await repo.touch_user(1001, "Анна", None, None, "ru")).memberships == ()
    first, second = (
        roadmap.item("4.1").executors["spb"][0],
        roadmap.item("7.2").executors["tomsk"][0],
    )
    for dep, at_once in ((second, False), (first, True)):
        await repo.request_membership(
            1001, dep, at_once, AuditRecord(1001, "membership.join", 1001, dep)
        )
    await repo.set_user_setting(1001, "language", "en")
    profile = await repo.touch_user(1001, "Анна", None, None, "ru")
    assert profile.language == "en"
    assert list(profile.memberships) == await repo.memberships_of(1001)
    assert {(m.department_id, m.status) for m in profile.memberships} == {
        (first, "approved"),
        (second, "pending"),
    }
    await repo.db.write(
        lambda conn: conn.execute(
            "UPDATE departments SET active = 0 WHERE id IN (?, ?)", (first, second)
        )
    )
    profile = await repo.touch_user(1001, "Анна", None, None, "ru")
    assert (profile.language, profile.memberships) == ("en", ())
    assert profile.memberships == tuple(await repo.memberships_of(1001))


async def test_processed_updates_and_fsm_state(repo: Repository, clock):
    assert not await repo.is_update_processed(7)
    await repo.mark_updates_processed([7])
    await repo.mark_updates_processed([7, 8])  # a batch may repeat one already recorded
    assert await repo.is_update_processed(7) and await repo.is_update_processed(8)
    clock.advance(days=8)
    assert await repo.forget_processed_updates(older_than=timedelta(days=7)) == 2

    await repo.fsm_set_state("k", "Report:comment")
    await repo.fsm_set_data("k", {"item": "4.1", "text": "<b>"})
    assert await repo.fsm_get("k") == ("Report:comment", {"item": "4.1", "text": "<b>"})
    await repo.fsm_set_state("k", None)
    await repo.fsm_set_data("k", {})
    assert await repo.fsm_get("k") == (None, {})
    assert await repo.db.fetchall("SELECT * FROM fsm_state") == []


async def test_write_is_one_transaction_rolled_back_on_error(repo: Repository):
    def half_then_fail(conn):
        conn.execute(
            "INSERT INTO processed_updates (update_id, processed_at) VALUES (1, ?)",
            ("2021-03-15T09:00:00+00:00",),
        )
        raise RuntimeError("in the middle")

    with pytest.raises(RuntimeError):
        await repo.db.write(half_then_fail)
    assert not await repo.is_update_processed(1)
    assert await repo.db.write(lambda conn: conn.execute("SELECT 41 + 1").fetchone()[0]) == 42


async def test_a_transaction_cancelled_at_its_begin_leaves_none_open(repo: Repository):
    for _ in range(20):  # the cancel lands before, during or after BEGIN runs in the thread
        task = asyncio.create_task(repo.mark_unreachable(1))
        await asyncio.sleep(0)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    await repo.touch_user(1, "Анна", None, None, "ru")
    await repo.mark_unreachable(1)  # a transaction() after them all: no "within a transaction"
    assert (await repo.person(1)).unreachable


async def test_an_update_is_claimed_once_and_taken_over_after_its_lease(repo, clock):
    lease = timedelta(seconds=60)
    assert await repo.claim_update(7, lease)
    assert not await repo.claim_update(7, lease)  # being handled: a retry is skipped
    clock.advance(seconds=61)  # the process handling it died: the retry is handled here
    assert await repo.claim_update(7, lease)
    await repo.mark_updates_processed([7])
    clock.advance(seconds=120)
    assert not await repo.claim_update(7, lease)  # handled: never again
    assert await repo.is_update_processed(7)
