"""The real bot, polling the emulator over HTTP inside the test's event loop."""

from __future__ import annotations

import asyncio

from bot.composition import Application, prepare
from bot.sandbox.emulator import TelegramEmulator
from bot.sandbox.emulator.client import BotClient
from bot.settings import Settings
from bot.telegram.runner import serve
from tests.conftest import FakeClock


class LiveBot:
    """The bot as it runs for real (composition, polling, outbox, scheduler), in-process."""

    def __init__(self, emulator: TelegramEmulator, settings: Settings, clock: FakeClock):
        self.emulator = emulator
        self.settings = settings
        self.clock = clock
        self.running: Application | None = None
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
