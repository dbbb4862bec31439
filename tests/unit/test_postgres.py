"""PostgreSQL's own machinery, on a real server this run starts: migrations (once, with two
replicas starting together), a server that cannot be reached or goes away, and the password
kept out of every message. The queries themselves are the contract suite: every test here
that takes `repo` runs on both backends."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator

import psycopg
import pytest

from bot.services.ports import StorageUnavailable
from storage import DatabaseOpenError, MigrationError, Repository, open_database
from storage.pg import POOL_SIZE, WRITER_LOCK, PgDatabase, pg_migrations, pg_sql
from tests.conftest import ROOT, FakeClock
from tests.servers import PostgresServer, free_port, postgres_server

pytestmark = pytest.mark.postgresql


def latest() -> int:
    return pg_migrations()[-1][0]


async def test_migrations_from_empty_then_nothing_to_do(postgres: PostgresServer):
    url = postgres.create_database()
    db = await open_database(url)
    assert await db.schema_version() == latest()
    tables = {r[0] for r in await db.fetchall("SELECT tablename FROM pg_tables")}
    assert {"users", "status_updates", "outbox", "leases", "roadmaps", "inbox"} <= tables
    assert await db.migrate() == []
    await db.close()


async def test_two_replicas_migrating_at_once_apply_each_migration_once(postgres):
    url = postgres.create_database()
    one, two = await asyncio.gather(open_database(url), open_database(url))
    try:
        rows = await one.fetchall("SELECT version FROM schema_migrations ORDER BY version")
        assert [r[0] for r in rows] == list(range(1, latest() + 1))
        assert await two.schema_version() == latest()
    finally:
        await one.close()
        await two.close()


async def test_a_database_from_newer_code_is_refused(postgres):
    url = postgres.create_database()
    db = await open_database(url)
    await db.write(
        lambda conn: conn.execute(
            "INSERT INTO schema_migrations (version, name) VALUES (999, 'future.sql')"
        )
    )
    await db.close()
    with pytest.raises(MigrationError, match="newer than this code") as caught:
        await open_database(url)
    assert PostgresServer.PASSWORD not in str(caught.value)


async def test_unreachable_or_refused_is_one_line_without_the_password(postgres):
    closed = postgres.url().replace(str(postgres.port), str(free_port()))
    wrong = postgres.url().replace(PostgresServer.PASSWORD, "not-the-password")
    for url, reason in ((closed, "refused"), (wrong, "password authentication failed")):
        with pytest.raises(DatabaseOpenError) as caught:
            await open_database(url)
        message = str(caught.value)
        assert message.startswith("PostgreSQL postgresql://***@127.0.0.1:")
        assert reason in message and "\n" not in message
        assert PostgresServer.PASSWORD not in message and "not-the-password" not in message


def test_the_bot_exits_2_with_one_line_when_postgresql_is_unreachable(postgres, tmp_path):
    url = postgres.url().replace(str(postgres.port), str(free_port()))
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "ROADMAP_PATH": str(ROOT / "data" / "roadmap.json"),
        "ADMIN_IDS": "1",
    }
    run = subprocess.run(
        [sys.executable, "-m", "bot", "remind", "--dry-run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: PostgreSQL postgresql://***@")
    assert PostgresServer.PASSWORD not in run.stderr + run.stdout


@pytest.fixture
def own_server() -> Iterator[PostgresServer]:
    """A cluster of the test's own, to stop and start under a running repository."""
    with postgres_server() as server:
        yield server


async def test_a_server_gone_and_back_costs_a_try_again_and_nothing_half_written(own_server):
    url = own_server.create_database()
    db = await open_database(url)
    repo = Repository(db, FakeClock())
    try:
        await repo.touch_user(1001, "Анна", None, None, "ru")
        own_server.stop()
        with pytest.raises(StorageUnavailable) as caught:
            await repo.touch_user(1002, "Иван", None, None, "ru")
        assert caught.value.reason == StorageUnavailable.UNAVAILABLE
        assert PostgresServer.PASSWORD not in str(caught.value)
        with pytest.raises(StorageUnavailable):
            await repo.person(1001)
        own_server.start()
        # the pool replaces its dead connections by itself: no restart
        assert (await repo.person(1001)).first_name == "Анна"
        assert await repo.person(1002) is None  # the failed write left nothing
        await repo.touch_user(1002, "Иван", None, None, "ru")
        assert (await repo.person(1002)).first_name == "Иван"
    finally:
        await db.close()


async def test_connections_the_server_dropped_cost_no_one_a_try_again(postgres):
    """Look-up connections are not checked on the way out of the pool (a round trip each);
    one the server cut (a restart, a proxy's idle cut-off) is replaced and the look-up runs
    again on another, so nobody hears "try again" for it."""
    url = postgres.create_database()
    db = await open_database(url)
    repo = Repository(db, FakeClock())
    try:
        await repo.touch_user(1001, "Анна", None, None, "ru")
        await asyncio.gather(*(repo.person(1001) for _ in range(6)))  # several pooled
        with psycopg.connect(url, autocommit=True) as admin:
            cut = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'roadmap-bot' AND pid <> pg_backend_pid()"
            ).fetchall()
        assert len(cut) >= 2
        for _ in range(10):
            assert (await repo.person(1001)).first_name == "Анна"
        await repo.touch_user(1002, "Иван", None, None, "ru")  # writers' pool: checked
        assert (await repo.person(1002)).first_name == "Иван"
    finally:
        await db.close()


async def test_look_ups_share_at_most_pool_size_connections_and_keep_them(postgres):
    url = postgres.create_database(template=postgres.template)
    db = await open_database(url)
    assert isinstance(db, PgDatabase)
    try:
        rows = await asyncio.gather(*(db.fetchall("SELECT pg_sleep(0.05), 1") for _ in range(20)))
        assert all(r[0][1] == 1 for r in rows)
        assert 1 < len(db.readers._idle) <= POOL_SIZE  # made as needed, kept for the next
        kept = {id(conn) for conn, _, _ in db.readers._idle}
        with pytest.raises(psycopg.errors.UndefinedTable):  # a query's own error...
            await db.fetchall("SELECT * FROM no_such_table")
        assert {id(conn) for conn, _, _ in db.readers._idle} == kept  # ...costs no connection
        db.readers.LIFETIME = 0  # past its lifetime, a connection is closed once returned
        await db.fetchall("SELECT 1")
        assert len(db.readers._idle) == len(kept) - 1
    finally:
        await db.close()


async def test_a_hung_server_is_given_up_on_and_answers_again_once_it_wakes(own_server):
    url = own_server.create_database()
    db = await open_database(url)
    db.query_timeout = 1.5  # 20 s in the bot
    repo = Repository(db, FakeClock())
    try:
        await repo.touch_user(1001, "Анна", None, None, "ru")
        own_server.freeze()
        try:
            started = asyncio.get_running_loop().time()
            for attempt in (repo.person(1001), repo.touch_user(1002, "Иван", None, None, "ru")):
                with pytest.raises(StorageUnavailable, match="no answer in 2 s"):
                    await attempt
            assert asyncio.get_running_loop().time() - started < 5
        finally:
            own_server.thaw()
        assert (await repo.person(1001)).first_name == "Анна"
        await repo.touch_user(1003, "Олег", None, None, "ru")
        assert (await repo.person(1003)).first_name == "Олег"
    finally:
        await db.close()


async def test_writers_queue_across_replicas_and_readers_never_wait(postgres):
    """The writer lock is SQLite's BEGIN IMMEDIATE across processes: a second replica's
    write waits for the first's transaction; reads go on meanwhile."""
    url = postgres.create_database(template=postgres.template)
    db = await open_database(url)
    repo = Repository(db, FakeClock())
    await repo.touch_user(1001, "Анна", None, None, "ru")
    other = await asyncio.to_thread(psycopg.connect, url, autocommit=False)
    try:
        other.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))  # another replica
        writing = asyncio.create_task(repo.touch_user(1002, "Иван", None, None, "ru"))
        assert (await asyncio.wait_for(repo.person(1001), 2)).first_name == "Анна"
        await asyncio.sleep(0.2)
        assert not writing.done()  # waits its turn
        await asyncio.to_thread(other.commit)
        await asyncio.wait_for(writing, 5)
        assert (await repo.person(1002)).first_name == "Иван"
    finally:
        await asyncio.to_thread(other.close)
        await db.close()


def test_parameters_are_translated_outside_quotes_only():
    assert pg_sql("SELECT ? WHERE a LIKE '%?%' AND b = ?") == (
        "SELECT %s WHERE a LIKE '%%?%%' AND b = %s"
    )


async def test_times_read_back_as_the_iso_strings_sqlite_keeps(repo: Repository, clock):
    await repo.touch_user(1001, "Анна", None, None, "ru")
    row = await repo.db.fetchone("SELECT created_at FROM users WHERE id = 1001")
    assert row["created_at"] == clock.now().isoformat(timespec="seconds")
