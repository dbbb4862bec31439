"""A real redis-server for the tests, started on loopback by the test run itself (no mocks):
`redis_url` gives a test an empty database on one server the session shares, and
`RedisServer` a server of its own, to stop and start under a running bot.

Without the redis-server binary (Debian package `redis-server`) the tests that need it are
skipped with the reason; with ROADMAP_REQUIRE_SERVERS=1 (CI sets it) they fail instead.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import free_port, require_or_skip


class RedisServer:
    """One redis-server in a temporary folder, on a free loopback port, with a password (so
    the code under test handles one), nothing written to disk. Stopped and started again,
    it keeps its port (and, like a restarted Redis without persistence, loses its data)."""

    PASSWORD = "s3cret-redis-pass"

    def __init__(self, binary: str) -> None:
        self.binary = binary
        self.folder = Path(tempfile.mkdtemp(prefix="roadmap-redis-"))
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://:{self.PASSWORD}@127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder), "--requirepass", self.PASSWORD,
             "--logfile", str(self.folder / "log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                error = self.process.stderr.read().decode() if self.process.stderr else ""
                self.stop()
                raise RuntimeError(f"redis-server did not start: {error[-300:]}")
            time.sleep(0.02)

    def answers(self) -> bool:
        """PING (after AUTH) answered: the server takes commands."""
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", self.port), 1) as s,
        ):
            s.sendall(f"AUTH {self.PASSWORD}\r\nPING\r\n".encode())
            received = b""
            while b"PONG" not in received and len(received) < 200:
                chunk = s.recv(100)
                if not chunk:
                    break
                received += chunk
            return b"+PONG" in received
        return False

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def flush(self) -> None:
        with socket.create_connection(("127.0.0.1", self.port), 2) as s:
            s.sendall(f"AUTH {self.PASSWORD}\r\nFLUSHALL\r\n".encode())
            received = b""
            while received.count(b"+OK") < 2:
                chunk = s.recv(100)
                if not chunk:
                    raise RuntimeError(f"FLUSHALL failed: {received!r}")
                received += chunk

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def redis_server() -> Iterator[RedisServer]:
    binary = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )
    if binary is None:
        require_or_skip("Redis is not installed (no redis-server): Redis tests skipped")
    assert binary is not None
    server = RedisServer(binary)
    try:
        server.start()
    except (OSError, RuntimeError) as exc:
        server.remove()
        require_or_skip(f"redis-server could not be started: {exc}")
    try:
        yield server
    finally:
        server.remove()


@pytest.fixture(scope="session")
def redis_session() -> Iterator[RedisServer]:
    """The redis-server the session's tests share."""
    with redis_server() as server:
        yield server


@pytest.fixture
def redis_url(redis_session: RedisServer) -> str:
    """The shared server's URL (with its password), emptied for this test."""
    redis_session.flush()
    return redis_session.url
