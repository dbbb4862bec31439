"""The SQLite connection: durable pragmas, one writer at a time, versioned migrations."""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any, Protocol, TypeVar

import aiosqlite

from bot.services.ports import StorageUnavailable

log = logging.getLogger(__name__)

T = TypeVar("T")

BUSY_TIMEOUT_MS = 10_000
# Look-ups on the event loop must never stall it behind another process's lock: they give up
# after this long and run in aiosqlite's thread instead, where waiting costs nobody else.
READER_BUSY_MS = 100
_PRAGMAS = (
    "PRAGMA synchronous = FULL",  # "saved" must survive a power cut, not only a crash
    "PRAGMA foreign_keys = ON",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
)
_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")


class Store(Protocol):
    """What the queries need of a database, SQLite (`Database`) or PostgreSQL
    (storage/pg.py): transactions as synchronous callbacks, and reads."""

    path: str  # what logs and errors call it (never with a password)

    async def write(self, work: Callable[[sqlite3.Connection], T]) -> T: ...

    async def fetchall(
        self, sql: str, params: Iterable[Any] = (), *, bulk: bool = False
    ) -> list[Any]: ...

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> Any: ...

    async def schema_version(self) -> int: ...

    async def migrate(self) -> list[int]: ...

    async def close(self) -> None: ...


class MigrationError(RuntimeError):
    """The database is newer than this code, or a migration failed."""


def unavailable(exc: sqlite3.Error) -> StorageUnavailable:
    """What a SQLite error means for someone who wanted something saved or read."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        reason = StorageUnavailable.BUSY
    elif "full" in text:
        reason = StorageUnavailable.FULL
    elif "readonly" in text or "read-only" in text:
        reason = StorageUnavailable.READ_ONLY
    else:
        reason = StorageUnavailable.UNAVAILABLE
    return StorageUnavailable(reason, str(exc))


def _busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def migrations(package: str = "storage.migrations") -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every bundled migration, in order: SQLite's, or
    PostgreSQL's (storage.pg_migrations)."""
    found = []
    for entry in resources.files(package).iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [version for version, _, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise MigrationError(f"migration numbers must run 1..n without gaps, got {versions}")
    return found


class Database:
    """The bot's SQLite database, through two connections.

    Writes, and reads of thousands of rows, go through one aiosqlite connection: its own
    thread, so a slow fsync or a year's report never stalls the bot; a lock keeps
    transactions from interleaving. Quick look-ups by key run right on the event loop through
    a second, read-only connection: they take a few microseconds there, while a round trip to
    aiosqlite's thread costs 70-120 µs of CPU. In WAL mode a reader never waits for a writer
    and always sees the last committed transaction.

    For the same reason every write goes through `write()`: the whole transaction is one
    trip to the thread, where an async transaction makes one per statement (measured with a
    one-row insert: 190 µs of CPU against 800).
    """

    def __init__(
        self, connection: aiosqlite.Connection, path: str, reader: sqlite3.Connection | None
    ) -> None:
        self.connection = connection
        self.path = path
        self.reader = reader  # None for ':memory:', where a second connection sees nothing
        self._lock = asyncio.Lock()

    async def write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work(connection)` as one transaction in aiosqlite's thread: BEGIN IMMEDIATE,
        then COMMIT, or ROLLBACK if it raises. `work` is plain synchronous sqlite3 code."""

        def run() -> T:
            conn = self.connection._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = work(conn)
            except BaseException:
                if conn.in_transaction:  # SQLite may have rolled back already (e.g. disk full)
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return result

        async with self._lock:
            # aiosqlite has no public call for "run this in your thread"; _execute has been
            # that call, unchanged, since 0.17 (the version is pinned in pyproject.toml)
            try:
                result: T = await self.connection._execute(run)
            except sqlite3.OperationalError as exc:
                raise unavailable(exc) from exc
            return result

    async def fetchall(
        self, sql: str, params: Iterable[Any] = (), *, bulk: bool = False
    ) -> list[sqlite3.Row]:
        """All rows of a query: on the event loop, or in aiosqlite's thread if `bulk` (or if
        the database is locked past READER_BUSY_MS, so the event loop never waits on it)."""
        if not bulk and self.reader is not None:
            try:
                # fetchall() runs the statement to its end, so no read snapshot stays open
                return self.reader.execute(sql, tuple(params)).fetchall()
            except sqlite3.OperationalError as exc:
                if not _busy(exc):
                    raise unavailable(exc) from exc
        async with self._lock:
            try:
                return list(await self.connection.execute_fetchall(sql, tuple(params)))
            except sqlite3.OperationalError as exc:
                raise unavailable(exc) from exc

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
        """The first row of a look-up (a query by key), or None."""
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def schema_version(self) -> int:
        row = await self.fetchone("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def migrate(self) -> list[int]:
        """Apply the migrations this database has not seen; returns the versions applied."""
        current = await self.schema_version()
        bundled = migrations()
        latest = bundled[-1][0] if bundled else 0
        if current > latest:
            raise MigrationError(
                f"database {self.path} is at schema version {current}, newer than this "
                f"code's {latest}: upgrade the bot instead"
            )
        applied = []
        async with self._lock:
            for version, name, sql in bundled:
                if version <= current:
                    continue
                try:
                    await self.connection.executescript(
                        f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;"
                    )
                except Exception as exc:
                    await self.connection.rollback()
                    raise MigrationError(f"migration {name} failed: {exc}") from exc
                log.info("database migrated to version %d (%s)", version, name)
                applied.append(version)
        return applied

    async def close(self) -> None:
        async with self._lock:
            await self.connection.close()
        if self.reader is not None:
            self.reader.close()


class DatabaseOpenError(RuntimeError):
    """The database cannot be opened for the bot's use; the message names the file."""


def is_postgres(target: str | Path) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


async def open_database(target: str | Path) -> Store:
    """Open (creating if needed) and migrate the database: a SQLite file's path (or
    `sqlite:///path`; ':memory:' works too), or a `postgresql://` URL (storage/pg.py).

    A database that cannot be used (read-only, locked by another process, not a database, in
    a folder that cannot be created, a server that cannot be reached) raises
    DatabaseOpenError, one line naming it, never a password."""
    if is_postgres(target):
        from storage.pg import open_postgres

        return await open_postgres(str(target))
    return await open_sqlite(str(target).removeprefix("sqlite:///"))


async def open_sqlite(path: str) -> Database:
    try:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        connection = await aiosqlite.connect(path, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseOpenError(f"database {path} cannot be opened: {exc}") from None
    connection.row_factory = aiosqlite.Row
    reader = None
    try:
        await connection.execute("PRAGMA journal_mode = WAL")
        for pragma in _PRAGMAS:
            await connection.execute(pragma)
        if path != ":memory:":
            reader = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            reader.row_factory = sqlite3.Row
            pragmas = (
                *_PRAGMAS,
                "PRAGMA query_only = ON",
                f"PRAGMA busy_timeout = {READER_BUSY_MS}",
            )
            for pragma in pragmas:
                reader.execute(pragma)
        db = Database(connection, path, reader)
        await db.migrate()
        # a database that opens but cannot take a write would fail at the first report:
        # write its version again, to know now
        version = await db.schema_version()
        await db.write(lambda conn: conn.execute(f"PRAGMA user_version = {version}"))
    except (sqlite3.Error, StorageUnavailable, MigrationError) as exc:
        await connection.close()
        if reader is not None:
            reader.close()
        if isinstance(exc, MigrationError):
            raise
        raise DatabaseOpenError(f"database {path} cannot be used: {_plain(exc)}") from None
    return db


def _plain(exc: Exception) -> str:
    if isinstance(exc, StorageUnavailable):
        reason = exc.reason
    elif isinstance(exc, sqlite3.Error):
        reason = unavailable(exc).reason
    else:
        reason = ""
    return {
        StorageUnavailable.READ_ONLY: "it is read-only (check the file's and folder's permissions)",
        StorageUnavailable.BUSY: "another process holds it locked",
        StorageUnavailable.FULL: "the disk is full",
    }.get(reason, str(exc))
