"""The emulator on loopback and the real bot running against it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.sandbox.emulator import TelegramEmulator
from tests.conftest import FakeClock, make_settings
from tests.e2e.live import LiveBot


@pytest.fixture
async def emulator() -> AsyncIterator[TelegramEmulator]:
    emu = TelegramEmulator()
    await emu.start()
    yield emu
    await emu.stop()


@pytest.fixture
async def live(
    emulator: TelegramEmulator, tmp_path: Path, clock: FakeClock, fresh_database: str
) -> AsyncIterator[LiveBot]:
    bot = LiveBot(emulator, make_settings(tmp_path, fresh_database), clock)
    await bot.start()
    yield bot
    await bot.stop()
    rejected = [(r.method, r.error.description) for r in emulator.errors() if r.error]
    assert not rejected, f"the emulator rejected requests: {rejected}"
