"""Shared fixtures: a fresh database, the emulator on loopback, the bot running against it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.composition import Application as RunningBot
from bot.composition import prepare
from bot.domain.roadmap import Roadmap, load_roadmap
from bot.sandbox.emulator import TelegramEmulator
from bot.sandbox.emulator.client import BotClient
from bot.settings import Settings
from bot.telegram.runner import serve
from storage import Repository, open_database

ROOT = Path(__file__).resolve().parent.parent
ROADMAP_JSON = ROOT / "data" / "roadmap.json"
SOURCE_DIR = ROOT / "data" / "source"
ADMIN_ID = 1


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.moment = start or datetime(2021, 3, 15, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def roadmap() -> Roadmap:
    return load_roadmap(ROADMAP_JSON)


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


@pytest.fixture
async def emulator() -> AsyncIterator[TelegramEmulator]:
    emu = TelegramEmulator()
    await emu.start()
    yield emu
    await emu.stop()


class LiveBot:
    """The real bot process loop, polling the emulator over HTTP inside the test's loop."""

    def __init__(self, emulator: TelegramEmulator, settings: Settings, clock: FakeClock):
        self.emulator = emulator
        self.settings = settings
        self.clock = clock
        self.running: RunningBot | None = None
        self.task: asyncio.Task | None = None

    async def start(self) -> None:
        self.running = await prepare(
            self.settings, self.emulator.token, api_base=self.emulator.api_base, clock=self.clock
        )
        self.running.poller.on_handled = self.emulator.track_handled()
        ready = asyncio.Event()
        self.task = asyncio.create_task(serve(self.running, on_ready=ready.set))
        await asyncio.wait_for(ready.wait(), 10)

    async def stop(self) -> None:
        if self.running and self.task:
            self.running.poller.stop()
            await asyncio.wait_for(self.task, 10)
            self.running = self.task = None

    async def notices_sent(self) -> None:
        """Wait until the outbox has sent every notice that is due."""
        assert self.running is not None
        await asyncio.wait_for(self.running.outbox.drained(), 10)

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    def user(
        self, user_id: int, first_name: str = "Анна", language_code: str | None = "ru"
    ) -> BotClient:
        return BotClient(self.emulator, user_id, first_name, language_code)


@pytest.fixture
async def live(
    emulator: TelegramEmulator, tmp_path: Path, clock: FakeClock
) -> AsyncIterator[LiveBot]:
    bot = LiveBot(emulator, make_settings(tmp_path), clock)
    await bot.start()
    yield bot
    await bot.stop()
    rejected = [(r.method, r.error.description) for r in emulator.errors() if r.error]
    assert not rejected, f"the emulator rejected requests: {rejected}"
