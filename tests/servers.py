"""Real servers for the tests, started on loopback by the test run itself: a throwaway
PostgreSQL cluster (initdb in a temporary folder). No mocks: where PostgreSQL is the thing
being tested, the test talks to PostgreSQL.

When the server's binaries are missing, the tests that need it are skipped with the reason;
with ROADMAP_REQUIRE_SERVERS=1 (CI sets it) they fail instead, so CI never passes on a
machine that silently skipped them.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def _pg_bin_dirs() -> list[Path]:
    """Debian's PostgreSQL versions, newest first (what .ci/run's glob finds)."""
    found = Path("/usr/lib/postgresql").glob("*/bin")
    return sorted(found, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)[::-1]


def require_or_skip(reason: str) -> None:
    """Skip, or fail when the run must not skip (CI)."""
    if os.environ.get("ROADMAP_REQUIRE_SERVERS") == "1":
        pytest.fail(f"{reason} (ROADMAP_REQUIRE_SERVERS=1: these tests must not be skipped)")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _pg_bin() -> Path | None:
    for folder in _pg_bin_dirs():
        if (folder / "initdb").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found else None


class PostgresServer:
    """One PostgreSQL cluster in a temporary folder, on a free loopback port, with a password
    (so the code under test handles one). Root cannot run PostgreSQL: as root, the cluster
    runs as the `postgres` system user."""

    USER = "roadmap"
    PASSWORD = "s3cret-pg-pass"

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="roadmap-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self._names = itertools.count(1)
        self.template = ""  # a migrated database the tests copy (tests/conftest.py)
        self._as: list[str] = []
        if os.geteuid() == 0:
            self._as = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.folder, "postgres")

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as, *args], check=True, capture_output=True, cwd=self.folder)

    def start(self) -> None:
        if not self.data.exists():
            secret = self.folder / "pw"
            secret.write_text(self.PASSWORD)
            if self._as:
                shutil.chown(secret, "postgres")
            self._run(
                str(self.bin / "initdb"),
                "-D",
                str(self.data),
                "-U",
                self.USER,
                f"--pwfile={secret}",
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-l",
            str(self.folder / "log"), "start",
        )  # fmt: skip

    def _processes(self) -> list[int]:
        """The postmaster and its children (one per connection)."""
        pid_file = self.data / "postmaster.pid"
        main = int(pid_file.read_text().split()[0])
        children = subprocess.run(["pgrep", "-P", str(main)], capture_output=True, text=True)
        return [main, *(int(pid) for pid in children.stdout.split())]

    def freeze(self) -> None:
        """The server hangs (a frozen host): connections stay open, nothing answers."""
        for pid in self._processes():
            os.kill(pid, signal.SIGSTOP)

    def thaw(self) -> None:
        for pid in self._processes():
            os.kill(pid, signal.SIGCONT)

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def stop(self, mode: str = "fast") -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.USER}:{self.PASSWORD}@127.0.0.1:{self.port}/{database}"

    def create_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`); returns its URL."""
        import psycopg

        name = f"test_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return self.url(name)

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    bin_dir = _pg_bin()
    if bin_dir is None:
        require_or_skip("PostgreSQL is not installed (no initdb): PostgreSQL tests skipped")
    assert bin_dir is not None
    server = PostgresServer(bin_dir)
    try:
        server.start()
    except (OSError, subprocess.CalledProcessError) as exc:
        server.remove()
        detail = getattr(exc, "stderr", b"") or b""
        require_or_skip(f"PostgreSQL could not be started: {exc} {detail.decode()[-300:]}")
    try:  # pg_ctl -w returned once the server took connections
        yield server
    finally:
        server.remove()
