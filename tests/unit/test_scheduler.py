"""The reminder scheduler around APScheduler: what it leaves in the log."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from bot.scheduler import ReminderScheduler


class EndlessRun:
    """A reminder service whose run goes on until it is stopped."""

    def __init__(self) -> None:
        self.started = asyncio.Event()
        self.clock = self

    def now(self) -> datetime:
        return datetime.now(UTC)

    def inactive_reason(self, day: object) -> str | None:
        return None

    async def run(self) -> None:
        self.started.set()
        await asyncio.Event().wait()


async def test_a_run_cut_short_by_stopping_is_no_error_in_the_log(caplog):
    """Stopping the bot cancels a reminder run in progress, by design (what it claimed and
    did not send goes in a later run): no "raised an exception" ERROR at every restart."""
    service = EndlessRun()
    scheduler = ReminderScheduler(service)  # type: ignore[arg-type]
    await scheduler.start()  # the catch-up tick runs at once
    await asyncio.wait_for(service.started.wait(), 5)
    with caplog.at_level(logging.INFO):
        await scheduler.shutdown()
        await asyncio.sleep(0.1)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    assert "reminder run stopped" in caplog.text
