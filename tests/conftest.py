"""What every layer of the suite shares: paths, a clock the test moves, the shipped roadmap,
a fresh database on each backend; and the layer markers (`-m unit`, `-m e2e`) by folder.

The storage contract: every unit test that takes `repo` (or `fresh_database`) runs on SQLite and
on PostgreSQL (a throwaway cluster this run starts, tests/servers.py), as do the e2e tests
marked `backends`; `sqlite_only` marks the tests of SQLite's own machinery.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.catalog import Catalog
from bot.domain.roadmap import load_roadmap
from bot.settings import Settings
from storage import Repository, open_database
from tests.redis_server import redis_session, redis_url  # noqa: F401 - fixtures
from tests.servers import PostgresServer, postgres_server

ROOT = Path(__file__).resolve().parent.parent
ROADMAP_JSON = ROOT / "data" / "roadmap.json"
SOURCE_DIR = ROOT / "data" / "source"
ADMIN_ID = 1


BACKENDS = ("sqlite", "postgresql")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        layer = item.path.parent.name
        if layer in ("unit", "e2e"):
            item.add_marker(layer)
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("backend") == "postgresql":
            item.add_marker("postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`backend`: both for unit tests and e2e tests marked `backends`, SQLite for the rest
    (ROADMAP_TEST_BACKEND=postgresql runs those on PostgreSQL instead)."""
    if "backend" not in metafunc.fixturenames:
        return
    node = metafunc.definition
    default = os.environ.get("ROADMAP_TEST_BACKEND", "sqlite")
    if node.get_closest_marker("sqlite_only"):
        values: tuple[str, ...] = ("sqlite",)
    elif node.path.parent.name == "unit" or node.get_closest_marker("backends"):
        values = BACKENDS
    else:
        values = (default,)
    metafunc.parametrize("backend", values, ids=values if len(values) > 1 else None)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One PostgreSQL cluster for the run, with a migrated template database to copy."""
    with postgres_server() as server:
        template = server.create_database()
        asyncio.run(_migrate(template))
        server.template = template.rsplit("/", 1)[1]
        yield server


async def _migrate(url: str) -> None:
    db = await open_database(url)
    await db.close()


@pytest.fixture
def fresh_database(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh, empty database on the test's backend: a SQLite path or a PostgreSQL URL."""
    if backend == "postgresql":
        server: PostgresServer = request.getfixturevalue("postgres")
        return server.create_database(template=server.template)
    return str(tmp_path / "test.sqlite3")


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.moment = start or datetime(2021, 3, 15, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def roadmap() -> Catalog:
    """The shipped roadmap, as the bot serves it: roadmap 1 of a catalog."""
    return Catalog.single(load_roadmap(ROADMAP_JSON))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def repo(fresh_database: str, clock: FakeClock) -> AsyncIterator[Repository]:
    db = await open_database(fresh_database)
    yield Repository(db, clock)
    await db.close()


def make_settings(tmp_path: Path, database: str | None = None, **overrides: object) -> Settings:
    """Settings for a test bot; its database in `tmp_path`, or `database` (a PostgreSQL URL
    or a SQLite path) if given."""
    values: dict[str, object] = {
        "database_path": tmp_path / "bot.sqlite3",
        "database_url": None,
        "roadmap_path": ROADMAP_JSON,
        "admin_ids": [ADMIN_ID],
        # the test users write again the moment they have their answer: held for their
        # chat's second, every step would wait one (tests/unit/test_pacing.py has it on)
        "reply_spacing": False,
    }
    if database is not None:
        values["database_url" if "://" in database else "database_path"] = database
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]
