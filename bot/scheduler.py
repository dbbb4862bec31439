"""APScheduler wrapped for the bot: an hourly reminder tick with a catch-up run at start,
and a daily tidy-up of the bookkeeping tables that grow with traffic."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.services.reminders import ReminderService

log = logging.getLogger(__name__)

TICK_JOB = "reminders-hourly"
CATCH_UP_JOB = "reminders-catch-up"
TIDY_JOB = "tidy-daily"
REFRESH_JOB = "roadmaps-refresh"
# How soon a roadmap, an extension or an office change made by another process (the
# import-roadmap command, another replica) is seen here: one cheap query a minute
REFRESH_SECONDS = 60


class ReminderScheduler:
    """Reminders fall due at a whole local hour in every Russian zone, so an hourly tick
    at minute 0 sends each at its hour; the start-up run catches up after downtime."""

    def __init__(
        self,
        service: ReminderService,
        tidy: Callable[[], Awaitable[object]] | None = None,
        refresh: Callable[[], Awaitable[object]] | None = None,
    ) -> None:
        self.service = service
        self.tidy = tidy
        self.refresh = refresh  # the roadmaps, if another process changed them
        self.scheduler = AsyncIOScheduler(timezone=UTC)

    async def start(self) -> None:
        self.scheduler.add_job(
            self.tick,
            "cron",
            minute=0,
            second=5,
            id=TICK_JOB,
            replace_existing=True,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=1800,
        )
        self.scheduler.add_job(
            self.tick,
            "date",
            run_date=datetime.now(UTC),
            id=CATCH_UP_JOB,
            replace_existing=True,
            max_instances=1,
        )
        if self.refresh is not None:
            self.scheduler.add_job(
                self._refresh,
                "interval",
                seconds=REFRESH_SECONDS,
                id=REFRESH_JOB,
                replace_existing=True,
                max_instances=1,
                coalesce=True,
            )
        if self.tidy is not None:
            self.scheduler.add_job(
                self._tidy,
                "cron",
                hour=0,
                minute=17,
                id=TIDY_JOB,
                replace_existing=True,
                max_instances=1,
                coalesce=True,
            )
        self.scheduler.start()
        log.info("reminder scheduler started")

    async def tick(self) -> None:
        try:
            reason = self.service.inactive_reason(self.service.clock.now().date())
            if reason:
                log.debug("no reminders: %s", reason)
                return
            await self.service.run()
        except Exception:  # one bad tick must not stop the schedule
            log.exception("reminder run failed")

    async def _refresh(self) -> None:
        assert self.refresh is not None
        try:
            await self.refresh()
        except Exception:  # a busy database now is no reason to stop looking
            log.exception("reading the roadmaps failed")

    async def _tidy(self) -> None:
        assert self.tidy is not None
        try:
            await self.tidy()
        except Exception:
            log.exception("tidying the bookkeeping tables failed")

    async def shutdown(self) -> None:
        """Stop the schedule; a reminder run in progress is cancelled (what it had claimed
        but not sent is sent by a later run, once the claims' lease is over)."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
