"""The SQLite connection: durable pragmas, one writer at a time, versioned migrations."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")


class MigrationError(RuntimeError):
    """The database is newer than this code, or a migration failed."""


def migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every bundled migration, in order."""
    found = []
    for entry in resources.files("storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [version for version, _, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise MigrationError(f"migration numbers must run 1..n without gaps, got {versions}")
    return found


class Database:
    """One aiosqlite connection shared by the bot; a lock keeps transactions from interleaving."""

    def __init__(self, connection: aiosqlite.Connection, path: str) -> None:
        self.connection = connection
        self.path = path
        self._lock = asyncio.Lock()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE … COMMIT; rolled back if the block raises."""
        async with self._lock:
            await self.connection.execute("BEGIN IMMEDIATE")
            try:
                yield self.connection
            except BaseException:
                await self.connection.rollback()
                raise
            else:
                await self.connection.commit()

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        async with self._lock, self.connection.execute(sql, tuple(params)) as cursor:
            return list(await cursor.fetchall())

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> aiosqlite.Row | None:
        async with self._lock, self.connection.execute(sql, tuple(params)) as cursor:
            return await cursor.fetchone()

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


async def open_database(path: str | Path) -> Database:
    """Open (creating if needed) and migrate the database at `path`; ':memory:' works too."""
    path = str(path)
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    connection = await aiosqlite.connect(path, isolation_level=None)
    connection.row_factory = aiosqlite.Row
    for pragma in (
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",  # "saved" must survive a power cut, not only a crash
        "PRAGMA foreign_keys = ON",
        f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    ):
        await connection.execute(pragma)
    db = Database(connection, path)
    try:
        await db.migrate()
    except BaseException:
        await connection.close()
        raise
    return db
