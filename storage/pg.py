"""The PostgreSQL connection (DATABASE_URL=postgresql://…): the same Database calls as
storage/db.py, so every query in storage/*.py runs on both backends unchanged.

The queries are written as synchronous transaction callbacks over a DB-API connection
(`work(conn)`), portable SQL with `?` parameters. Here a callback runs in a worker thread
on a pooled psycopg 3 connection, one thread trip per transaction as with SQLite, through
`PgConnection`, which answers the sqlite3.Connection calls the queries make and turns `?`
into psycopg's `%s`. Look-ups run on the event loop, on connections of their own (`Readers`).

Writers take one transaction-scoped advisory lock first: one writer at a time across every
replica, which is SQLite's BEGIN IMMEDIATE. The queries' read-check-write steps (a claim,
a compare-and-set, "only if still pending") stay correct under READ COMMITTED because no
other writer can run between their statements, and the bot's writes are short and few
(measured in bench/updates.py). Readers never wait for it.

Times are `timestamptz` and dates `date` in PostgreSQL; they are read back as the same ISO
strings SQLite keeps (in UTC), which is what the queries compare and parse.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from functools import lru_cache
from typing import Any, TypeVar, cast

import psycopg
import psycopg_pool
from psycopg.pq import TransactionStatus
from psycopg.types.datetime import DateLoader, TimestamptzLoader

from bot.logging_setup import redact_url, scrub
from bot.services.ports import StorageUnavailable
from storage.db import DatabaseOpenError, MigrationError, migrations

log = logging.getLogger(__name__)

T = TypeVar("T")

# pg_advisory_xact_lock keys: the one writer at a time, and the migrating replica
WRITER_LOCK = 7_262_001
MIGRATION_LOCK = 7_262_002
POOL_SIZE = 8
CONNECT_TIMEOUT = 5  # seconds, for the first connection and every new one
# How long a query waits for a pooled connection. Each worker thread holds at most one and
# there are as many threads as connections, and a look-up holds one for milliseconds, so a
# wait means the server is gone: the person is told to try again after this, not after a
# long hang.
CHECKOUT_TIMEOUT = 3
# How long a look-up or a write may take before the person is told to try again: a server
# that hangs (a frozen host, a full disk) must not keep anyone waiting for the TCP timeout.
# The bot's statements take milliseconds; a year's report reads in seconds (`bulk`).
QUERY_TIMEOUT = 20.0
BULK_TIMEOUT = 120.0
# Every connection: times in UTC, a statement cut off server-side after this, and a dead
# peer noticed by TCP within ~30 s instead of ~15 minutes.
_SESSION = {
    "options": "-c TimeZone=UTC -c statement_timeout=120s",
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 30_000,
}


def _first_line(exc: BaseException, url: str) -> str:
    """An error's first line (psycopg adds hints on the next ones), the password hidden."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return scrub(lines[0], url) if lines else type(exc).__name__


@lru_cache(maxsize=2048)
def pg_sql(query: str) -> str:
    """SQLite's `?` parameters as psycopg's `%s` (a literal % doubled), outside quotes."""
    out = []
    quote = ""
    for char in query:
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "?":
            out.append("%s")
            continue
        if char == "%":
            out.append("%%")
            continue
        out.append(char)
    return "".join(out)


class _Timestamptz(TimestamptzLoader):
    def load(self, data: Any) -> str:  # type: ignore[override]
        value: datetime = super().load(data)
        return value.isoformat()


class _Date(DateLoader):
    def load(self, data: Any) -> str:  # type: ignore[override]
        value: date = super().load(data)
        return value.isoformat()


@lru_cache(maxsize=1024)
def _row_class(fields: tuple[bytes, ...]) -> type[tuple]:
    names = [field.decode() for field in fields]
    index = {name: n for n, name in enumerate(names)}

    class Row(tuple):
        """A row by position or by column name, as sqlite3.Row."""

        __slots__ = ()

        def __getitem__(self, key: Any) -> Any:
            if isinstance(key, str):
                return tuple.__getitem__(self, index[key])
            return tuple.__getitem__(self, key)

        def keys(self) -> list[str]:
            return list(names)

    return Row


def _rows(cursor: Any) -> Callable[[Sequence[Any]], Any]:
    # the column names straight from the result: `cursor.description` builds a Column object
    # per column, per query (measured: a tenth of a look-up's cost)
    result = cursor.pgresult
    if result is None or not result.nfields:
        return tuple
    return _row_class(tuple(result.fname(n) for n in range(result.nfields)))


class PgConnection:
    """What a transaction callback is given on PostgreSQL: the sqlite3.Connection calls the
    queries in storage/ make (execute, executemany; the cursor's fetchone, fetchall and
    rowcount), on a psycopg connection inside its transaction."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn

    def execute(self, query: str, params: Iterable[Any] = ()) -> psycopg.Cursor:
        cursor = self.conn.cursor()
        cursor.execute(pg_sql(query), tuple(params))
        return cursor

    def executemany(self, query: str, rows: Iterable[Sequence[Any]]) -> psycopg.Cursor:
        cursor = self.conn.cursor()
        rows = list(rows)
        if rows:
            cursor.executemany(pg_sql(query), rows)
        return cursor


def unavailable(exc: Exception, url: str) -> StorageUnavailable:
    """What a PostgreSQL error means for someone who wanted something saved or read."""
    if isinstance(exc, psycopg.errors.DiskFull):
        reason = StorageUnavailable.FULL
    elif isinstance(exc, psycopg.errors.ReadOnlySqlTransaction):
        reason = StorageUnavailable.READ_ONLY
    elif isinstance(exc, psycopg.errors.LockNotAvailable | psycopg.errors.QueryCanceled):
        reason = StorageUnavailable.BUSY
    else:
        reason = StorageUnavailable.UNAVAILABLE
    return StorageUnavailable(reason, _first_line(exc, url))


# what a lost, refused or overloaded server raises; anything else is a bug and propagates
_UNAVAILABLE = (
    psycopg.OperationalError,
    psycopg.errors.ReadOnlySqlTransaction,
    psycopg_pool.PoolTimeout,
)


def _loaders(conn: psycopg.Connection | psycopg.AsyncConnection) -> None:
    conn.adapters.register_loader("timestamptz", _Timestamptz)
    conn.adapters.register_loader("date", _Date)


def _configure(conn: psycopg.Connection) -> None:
    # what the writer lock's reasoning rests on, whatever the server's default
    conn.isolation_level = psycopg.IsolationLevel.READ_COMMITTED
    _loaders(conn)


def pg_migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every PostgreSQL migration, in order."""
    return migrations("storage.pg_migrations")


def _forget(task: asyncio.Future) -> None:
    if not task.cancelled():
        task.exception()  # retrieved, so asyncio does not report it


def _no_answer(limit: float) -> StorageUnavailable:
    return StorageUnavailable(
        StorageUnavailable.UNAVAILABLE, f"PostgreSQL gave no answer in {limit:.0f} s"
    )


class _Dropped(psycopg.OperationalError):
    """The server had dropped the connection a look-up took."""


class Readers:
    """The look-ups' connections, on the event loop: at most POOL_SIZE, made when first
    needed, each with a cursor kept for it.

    Not psycopg_pool's AsyncConnectionPool: its checkout and return cost ~60 us of the event
    loop's CPU per look-up (measured: 215 against 160 us for the whole look-up), and a
    look-up needs none of what it adds (background growth, waiting clients served in order,
    resets). Connections are not checked as they are handed out either (a round trip of its
    own); one the server dropped (a restart, a proxy's idle cut-off) fails at once, is closed,
    and the look-up, which changes nothing, runs again on another (`PgDatabase._read`).
    """

    LIFETIME = 3600.0  # s: then replaced, as psycopg_pool does, so none lives forever

    def __init__(self, url: str, kwargs: dict[str, Any]) -> None:
        self.url = url
        self.kwargs = kwargs
        self._idle: deque[tuple[psycopg.AsyncConnection, psycopg.AsyncCursor, float]] = deque()
        self._slots = asyncio.Semaphore(POOL_SIZE)
        self._closed = False

    async def _connect(self) -> tuple[psycopg.AsyncConnection, psycopg.AsyncCursor, float]:
        conn = await psycopg.AsyncConnection.connect(self.url, **self.kwargs)
        _loaders(conn)
        return conn, conn.cursor(), asyncio.get_running_loop().time()

    async def open(self) -> None:
        """One connection now: a server that cannot be reached is known at start."""
        self._idle.append(await self._connect())

    async def run(self, query: str, values: tuple) -> list:
        if self._slots.locked():  # all POOL_SIZE busy: a wait means the server is gone
            try:
                await asyncio.wait_for(self._slots.acquire(), CHECKOUT_TIMEOUT)
            except TimeoutError:
                raise psycopg_pool.PoolTimeout(
                    f"no connection free in {CHECKOUT_TIMEOUT} s"
                ) from None
        else:
            await self._slots.acquire()
        try:
            held = self._idle.pop() if self._idle else await self._connect()
            conn, cursor, made = held
            try:
                await cursor.execute(query, values)
                rows = await cursor.fetchall()
            except BaseException as exc:
                if conn.pgconn.transaction_status == TransactionStatus.IDLE:
                    self._idle.append(held)  # a query's own error: the connection is fine
                    raise
                await conn.close()  # dropped by the server, or interrupted mid-query
                if isinstance(exc, psycopg.OperationalError):
                    raise _Dropped(str(exc)) from exc
                raise
            if self._closed or asyncio.get_running_loop().time() - made >= self.LIFETIME:
                await conn.close()
            else:
                self._idle.append(held)
            return rows
        finally:
            self._slots.release()

    async def close(self) -> None:
        self._closed = True
        while self._idle:
            conn, _, _ = self._idle.pop()
            await conn.close()


class PgDatabase:
    """The bot's PostgreSQL database: transactions in worker threads, each on a connection
    of the threads' pool; look-ups on the event loop, on `Readers`."""

    def __init__(
        self,
        url: str,
        pool: psycopg_pool.ConnectionPool,
        readers: Readers,
    ) -> None:
        self.url = url
        self.path = redact_url(url)  # what logs and errors name
        self.pool = pool  # the worker threads': transactions
        self.readers = readers  # the event loop's: look-ups, no thread hop
        self._threads = ThreadPoolExecutor(POOL_SIZE, thread_name_prefix="pg")
        self._write_lock = asyncio.Lock()  # this process's writers queue here, not in threads
        self.query_timeout = QUERY_TIMEOUT
        self.bulk_timeout = BULK_TIMEOUT

    async def _run(self, call: Callable[[], T], limit: float | None) -> T:
        """`call` in a worker thread. Given up on after `limit` s (None: never): the person
        hears "try again" while the thread waits out the server (a transaction not committed
        by then is rolled back by it)."""
        loop = asyncio.get_running_loop()
        try:
            return await asyncio.wait_for(loop.run_in_executor(self._threads, call), limit)
        except _UNAVAILABLE as exc:
            raise unavailable(exc, self.url) from None
        except TimeoutError:
            assert limit is not None
            raise _no_answer(limit) from None

    async def write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work(connection)` as one transaction: committed if it returns, rolled back if
        it raises; one writer at a time across every process on this database."""

        def run() -> T:
            with self.pool.connection() as conn, conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
                return work(cast(sqlite3.Connection, PgConnection(conn)))

        async with self._write_lock:
            return await self._run(run, self.query_timeout)

    async def fetchall(self, sql: str, params: Iterable[Any] = (), *, bulk: bool = False) -> list:
        """Rows of a query, on the event loop: a look-up costs no thread hop (measured: about
        half the CPU of one through a worker thread)."""
        limit = self.bulk_timeout if bulk else self.query_timeout
        read = asyncio.ensure_future(self._read(pg_sql(sql), tuple(params)))
        # not cancelled when given up on (or when the caller is): psycopg would spend 10 s
        # cancelling it on a hung server; it ends by itself (TCP keepalives), its outcome
        # dropped
        try:
            await asyncio.wait((read,), timeout=limit)
        finally:
            if not read.done():
                read.add_done_callback(_forget)
        if not read.done():
            raise _no_answer(limit)
        try:
            return read.result()
        except _UNAVAILABLE as exc:
            raise unavailable(exc, self.url) from None

    async def _read(self, query: str, values: tuple) -> list:
        """The look-up; again on another connection if the server had dropped the one it
        took (every idle one may be dead after a restart, and then a new one is made)."""
        for attempt in range(POOL_SIZE + 1):
            try:
                return await self.readers.run(query, values)
            except _Dropped:
                if attempt == POOL_SIZE:
                    raise
        raise AssertionError("unreachable")

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> Any:
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def schema_version(self) -> int:
        def run() -> int:
            with self.pool.connection() as conn:
                return _version(conn)

        return await self._run(run, self.query_timeout)

    async def migrate(self) -> list[int]:
        """Apply the migrations this database has not seen. Replicas starting together: one
        applies them under a lock, the others wait for it and then find nothing to do."""
        bundled = pg_migrations()
        latest = bundled[-1][0]

        def run() -> list[int]:
            applied = []
            with self.pool.connection() as conn:
                conn.execute("SET statement_timeout = 0")  # another replica may be migrating
                conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
                try:
                    conn.execute(
                        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY "
                        "KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
                    )
                    current = _version(conn)
                    if current > latest:
                        raise MigrationError(
                            f"database {self.path} is at schema version {current}, newer than "
                            f"this code's {latest}: upgrade the bot instead"
                        )
                    for version, name, script in bundled:
                        if version <= current:
                            continue
                        try:
                            with conn.transaction():
                                conn.execute(cast(Any, script))
                                conn.execute(
                                    "INSERT INTO schema_migrations (version, name) VALUES (%s, %s)",
                                    (version, name),
                                )
                        except psycopg.Error as exc:
                            if isinstance(exc, _UNAVAILABLE):
                                raise
                            raise MigrationError(f"migration {name} failed: {exc}") from exc
                        log.info("database migrated to version %d (%s)", version, name)
                        applied.append(version)
                finally:
                    if not conn.closed:
                        conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
                        conn.execute("RESET statement_timeout")
            return applied

        return await self._run(run, None)  # it may wait for another replica's migration

    async def close(self) -> None:
        await self.readers.close()
        await asyncio.get_running_loop().run_in_executor(self._threads, self.pool.close)
        self._threads.shutdown(wait=False)


def _version(conn: psycopg.Connection) -> int:
    exists = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return 0
    row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()
    return int(row[0]) if row else 0


async def open_postgres(url: str) -> PgDatabase:
    """Connect to the PostgreSQL database at `url` and migrate it. A server that cannot be
    reached or refuses us raises DatabaseOpenError: one line, the password left out."""
    kwargs = {
        "autocommit": True,
        "row_factory": _rows,
        "connect_timeout": CONNECT_TIMEOUT,
        "application_name": "roadmap-bot",
        **_SESSION,
    }
    # the writers' pool checks a connection as it hands it out: a dropped one is replaced
    # (a write is not retried blindly, as a look-up is)
    pool = psycopg_pool.ConnectionPool(
        url,
        min_size=1,
        max_size=POOL_SIZE,
        open=False,
        timeout=CHECKOUT_TIMEOUT,
        kwargs=kwargs,
        configure=_configure,
        check=psycopg_pool.ConnectionPool.check_connection,
    )
    readers = Readers(url, kwargs)
    db = PgDatabase(url, pool, readers)
    loop = asyncio.get_running_loop()
    try:
        await loop.run_in_executor(db._threads, lambda: _first_connection(pool, url))
        await readers.open()
        await db.migrate()
    except BaseException as exc:
        await db.close()
        if isinstance(exc, MigrationError):
            raise
        if isinstance(exc, psycopg.Error | StorageUnavailable | psycopg_pool.PoolTimeout):
            raise DatabaseOpenError(
                f"PostgreSQL {db.path} cannot be used: {_first_line(exc, url)}"
            ) from None
        raise
    return db


def _first_connection(pool: psycopg_pool.ConnectionPool, url: str) -> None:
    """Open the pool once the server answers; its own error if it does not (the pool alone
    only says it timed out)."""
    with psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT) as probe:
        probe.execute("SELECT 1")
    pool.open(wait=True, timeout=CONNECT_TIMEOUT * 2)


__all__ = ["PgConnection", "PgDatabase", "open_postgres", "pg_sql"]
