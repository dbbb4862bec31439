"""APScheduler wrapped for the bot: an hourly reminder tick with a catch-up run at start,
and a daily tidy-up of the bookkeeping tables that grow with traffic."""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.services.ports import Leases
from bot.services.reminders import ReminderService

log = logging.getLogger(__name__)

TICK_JOB = "reminders-hourly"
CATCH_UP_JOB = "reminders-catch-up"
TIDY_JOB = "tidy-daily"
REFRESH_JOB = "roadmaps-refresh"
# How soon a roadmap, an extension or an office change made by another process (the
# import-roadmap command, another replica) is seen here: one cheap query a minute
REFRESH_SECONDS = 60


LEAD_JOB = "reminders-lead"
LEASE = "reminder-tick"
LEASE_TTL = timedelta(seconds=45)  # renewed every 15 s: another takes over within a minute


class Leadership:
    """Of the processes on one database (replicas, the old and the new one during an
    upgrade), the one holding the lease runs the reminder tick; if it dies, another takes
    over once the lease runs out. Reminders are claimed one by one besides, so two ticks
    would not send twice: this spares the others the planning."""

    def __init__(self, leases: Leases, ttl: timedelta = LEASE_TTL) -> None:
        self.leases = leases
        self.ttl = ttl  # renewed every third of it
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self.leading = False

    async def renew(self) -> bool:
        leading = await self.leases.hold_lease(LEASE, self.holder, self.ttl)
        if leading != self.leading:
            log.info("reminder tick: %s", "this process runs it" if leading else "another does")
        self.leading = leading
        return leading

    async def release(self) -> None:
        if self.leading:
            await self.leases.release_lease(LEASE, self.holder)
            self.leading = False


class ReminderScheduler:
    """Reminders fall due at a whole local hour in every Russian zone, so an hourly tick
    at minute 0 sends each at its hour; the start-up run catches up after downtime, and so
    does a replica the moment it takes the tick over from a leader that died."""

    def __init__(
        self,
        service: ReminderService,
        tidy: Callable[[], Awaitable[object]] | None = None,
        refresh: Callable[[], Awaitable[object]] | None = None,
        leadership: Leadership | None = None,
    ) -> None:
        self.service = service
        self.leadership = leadership  # None: this process is the only one
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
        self.catch_up()
        if self.leadership is not None:
            self.scheduler.add_job(
                self._lead,
                "interval",
                seconds=self.leadership.ttl.total_seconds() / 3,
                id=LEAD_JOB,
                replace_existing=True,
                max_instances=1,
                coalesce=True,
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
            if self.leadership is not None and not await self.leadership.renew():
                log.debug("no reminders here: another process runs the tick")
                return
            reason = self.service.inactive_reason(self.service.clock.now().date())
            if reason:
                log.debug("no reminders: %s", reason)
                return
            await self.service.run()
        except asyncio.CancelledError:
            # shutdown() cancels it, by design; re-raised, APScheduler would log an ERROR at
            # every restart during a run. Nothing awaits this task but APScheduler's executor.
            task = asyncio.current_task()
            if task is not None:
                task.uncancel()
            log.info("reminder run stopped: the bot is stopping; a later run sends the rest")
        except Exception:  # one bad tick must not stop the schedule
            log.exception("reminder run failed")

    async def _lead(self) -> None:
        assert self.leadership is not None
        was_leading = self.leadership.leading
        try:
            leading = await self.leadership.renew()
        except Exception:  # a busy database now: try again at the next renewal
            log.exception("renewing the reminder lease failed")
            return
        if leading and not was_leading:
            # The leader died or stopped, perhaps mid-run: what it had not sent goes now,
            # not at the next hour (what it had claimed, once the claims' lease is over).
            self.catch_up()

    def catch_up(self) -> None:
        """A reminder tick now, besides the hourly one."""
        self.scheduler.add_job(
            self.tick,
            "date",
            run_date=datetime.now(UTC),
            id=CATCH_UP_JOB,
            replace_existing=True,
            max_instances=1,
        )

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
        if self.leadership is not None:
            try:  # the others need not wait for the lease to run out
                await self.leadership.release()
            except Exception:
                log.exception("releasing the reminder lease failed")
