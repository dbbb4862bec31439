"""What every layer of the suite shares: paths, a clock the test moves, the shipped roadmap,
a fresh database; and the layer markers (`-m unit`, `-m e2e`) by folder."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.catalog import Catalog
from bot.domain.roadmap import load_roadmap
from bot.settings import Settings
from storage import Repository, open_database

ROOT = Path(__file__).resolve().parent.parent
ROADMAP_JSON = ROOT / "data" / "roadmap.json"
SOURCE_DIR = ROOT / "data" / "source"
ADMIN_ID = 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        layer = item.path.parent.name
        if layer in ("unit", "e2e"):
            item.add_marker(layer)


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
async def repo(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Repository]:
    db = await open_database(tmp_path / "test.sqlite3")
    yield Repository(db, clock)
    await db.close()


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_path": tmp_path / "bot.sqlite3",
        "roadmap_path": ROADMAP_JSON,
        "admin_ids": [ADMIN_ID],
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]
