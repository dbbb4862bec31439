"""The PostgreSQL and Redis servers a bench runs against: given by URL, or throwaway ones it
starts itself on loopback (tests/servers.py, tests/redis_server.py) and removes after."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def redacted(url: str) -> str:
    """The URL with its user and password left out, fit to print."""
    parts = urlsplit(url)
    host = f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)
    hidden = parts.username or parts.password
    return urlunsplit(parts._replace(netloc=f"***@{host}" if hidden else host))


class PgDatabases:
    """Databases for a bench on a PostgreSQL server (where the URL's user may CREATE
    DATABASE): new ones, or copies of one (TEMPLATE); all dropped at the end."""

    def __init__(self, url: str, pid_file: Path | None = None, prefix: str = "bench") -> None:
        self.url = url
        self.pid_file = pid_file  # a cluster started here: its CPU can be measured
        self.prefix = prefix
        self.made: list[str] = []
        self.seeded = ""

    def url_of(self, name: str) -> str:
        return urlunsplit(urlsplit(self.url)._replace(path=f"/{name}"))

    def create(self, template: str | None = None) -> str:
        """A new database (a copy of `template`); its name."""
        import psycopg

        name = f"{self.prefix}_{os.getpid()}_{len(self.made)}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        self.made.append(name)
        return name

    def drop_all(self) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            for name in reversed(self.made):
                with contextlib.suppress(psycopg.Error):
                    conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self.made.clear()


def _not_skipped(exc: BaseException) -> None:
    """tests/servers.py skips (pytest) when a server's binaries are missing: here, exit."""
    if type(exc).__name__ == "Skipped":
        raise SystemExit(f"error: {exc}") from None


@contextlib.contextmanager
def postgres(
    url: str | None, start: bool, durable: bool = True, prefix: str = "bench"
) -> Iterator[PgDatabases | None]:
    """The PostgreSQL server to use: `url`, a throwaway cluster if `start`, or none.

    The tests' throwaway cluster runs with fsync off; `durable` turns fsync and
    synchronous_commit back on, as SQLite here syncs every commit."""
    if url:
        print(f"PostgreSQL: {redacted(url)} (given)")
        databases = PgDatabases(url, prefix=prefix)
        try:
            yield databases
        finally:
            databases.drop_all()
        return
    if not start:
        yield None
        return
    from tests.servers import postgres_server

    try:
        with postgres_server() as server:
            if durable:
                import psycopg

                with psycopg.connect(server.url(), autocommit=True) as conn:
                    for setting in ("fsync", "synchronous_commit", "full_page_writes"):
                        conn.execute(f"ALTER SYSTEM SET {setting} = on")
                    conn.execute("SELECT pg_reload_conf()")
            print(
                f"PostgreSQL: started a throwaway cluster ({server.bin}, 127.0.0.1:{server.port}, "
                + ("fsync and synchronous_commit on)" if durable else "fsync off)")
            )
            databases = PgDatabases(server.url(), server.data / "postmaster.pid", prefix)
            try:
                yield databases
            finally:
                databases.drop_all()
    except BaseException as exc:
        _not_skipped(exc)
        raise


@contextlib.contextmanager
def redis(url: str | None, start: bool) -> Iterator[str | None]:
    """The Redis URL to use: `url`, a throwaway redis-server if `start`, or none."""
    if url:
        print(f"Redis: {redacted(url)} (given)")
        yield url
        return
    if not start:
        yield None
        return
    from tests.redis_server import redis_server

    try:
        with redis_server() as server:
            where = f"{server.binary}, 127.0.0.1:{server.port}"
            print(f"Redis: started a throwaway redis-server ({where})")
            yield server.url
    except BaseException as exc:
        _not_skipped(exc)
        raise
