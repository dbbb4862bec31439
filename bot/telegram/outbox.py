"""Sending queued notices in the background, paced with everything else the bot broadcasts.

A use case queues its notices for other people in the transaction that saves its change (a
report's notices to the other side), and wakes the outbox; the reporter gets their answer at
once, and the notices follow at the rate Telegram allows. Replies to a chat that Telegram
flood-waits for long come here too (bot/telegram/retry.py). A notice to a flood-waited chat
is put off until the wait is over, without holding up the notices to other chats. Queued
notices survive a crash and go out after the restart. The one gap is the one every sender
has: a notice Telegram accepted just before a crash, with "sent" not yet written, is sent
again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from datetime import datetime, timedelta
from typing import Protocol

from aiogram import Bot
from aiogram.types import InlineKeyboardMarkup

from bot.domain.clock import Clock
from bot.domain.notices import QueuedNotice
from bot.services.ports import OutboxStore, People
from bot.telegram.pacing import RateLimiter, run_in_flight
from bot.telegram.sending import Outcome, send_text

log = logging.getLogger(__name__)

BATCH = 100
IDLE_CHECK = 60.0  # seconds between looks at the queue when nobody wakes the outbox
MAX_ATTEMPTS = 6  # rounds of send_with_retries; then the notice is given up as failed
STOP_GRACE = 2.0  # seconds the sends in flight get to finish when the bot stops
# How long a claimed batch is this process's: another replica sends it after that, if this
# one died before sending it
CLAIM_LEASE = timedelta(minutes=2)
# Chats served side by side; most of the time each waits for its own chat's slot (one
# message a second), while the limiter keeps the requests actually in flight to a few.
CHATS_AT_ONCE = 16


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4 … minutes between rounds, capped at an hour."""
    return timedelta(minutes=min(2**attempts, 60))


class OutboxStoreAndPeople(OutboxStore, People, Protocol):
    """The queue, and the people it marks unreachable."""


class Outbox:
    """Sends the queued notices in the background, paced with everything else."""

    def __init__(
        self, bot: Bot, repo: OutboxStoreAndPeople, limiter: RateLimiter, clock: Clock
    ) -> None:
        self.bot = bot
        self.repo = repo
        self.limiter = limiter
        self.clock = clock
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task | None = None
        self._round_done = asyncio.Event()
        self._sending = False  # a claimed batch is being sent
        self._unsent: set[int] = set()  # of the batch, notices not sent or settled yet

    def wake(self) -> None:
        """Something was queued: look at the queue now rather than at the next check."""
        self._wake.set()

    async def start(self) -> None:
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name="outbox")

    async def stop(self, grace: float = STOP_GRACE) -> None:
        """Finish the sends in flight (for up to `grace` seconds), leave the rest queued for
        the next start. A send cut short stays queued too, and may be sent twice."""
        self._stopping = True
        self._wake.set()
        task, self._task = self._task, None
        if task is None:
            return
        try:
            await asyncio.wait_for(asyncio.shield(task), grace)
        except TimeoutError:
            log.warning("outbox: sends still running at shutdown were cut short")
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def drained(self) -> None:
        """Wait until every notice due has been sent or settled (for tests and the sandbox)."""
        while self._sending or await self.repo.due_notices(limit=1):
            self._round_done.clear()
            self.wake()
            await self._round_done.wait()

    async def _run(self) -> None:
        while not self._stopping:
            self._wake.clear()  # a wake() from here on is kept for the next round
            try:
                sent_any = await self.send_due()
            except Exception:  # a failing database must not end the loop for good
                log.exception("outbox: sending queued notices failed")
                sent_any = False
            self._round_done.set()
            if sent_any:
                continue
            try:
                delay = await self._sleep_for()
            except Exception:
                log.exception("outbox: reading the queue failed")
                delay = IDLE_CHECK
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), delay)

    async def _sleep_for(self) -> float:
        upcoming = await self.repo.next_notice_at()
        if upcoming is None:
            return IDLE_CHECK
        seconds = (upcoming - self.clock.now()).total_seconds()
        return min(IDLE_CHECK, max(1.0, seconds))

    async def send_due(self) -> bool:
        """Send one batch of due notices; False if there was none.

        Each chat's notices go one after another, in the order they were queued, chats side
        by side: a notice that has to wait holds back the later ones to its chat only."""
        self._sending = True  # from the claim on: the claimed are no longer "due"
        self._unsent = set()
        try:
            batch = await self.repo.claim_due_notices(BATCH, CLAIM_LEASE)  # none sent twice
            if not batch:
                return False
            by_chat: dict[int, list[QueuedNotice]] = {}
            for notice in batch:
                by_chat.setdefault(notice.chat_id, []).append(notice)
            self._unsent = {notice.id for notice in batch}
            await run_in_flight(
                list(by_chat.values()),
                self._send_chat,
                CHATS_AT_ONCE,
                stop=lambda: self._stopping,
            )
        finally:
            self._sending = False
            if self._unsent:  # left when the bot stopped: due again at once, not after the lease
                await asyncio.shield(self.repo.release_notices(sorted(self._unsent)))
        return True

    async def _send_chat(self, notices: list[QueuedNotice]) -> None:
        try:
            await self._send_in_order(notices)
        except Exception:  # the other chats go on; this one's claim runs out, then a retry
            log.exception("outbox: sending to chat %d failed", notices[0].chat_id)

    async def _send_in_order(self, notices: list[QueuedNotice]) -> None:
        for n, notice in enumerate(notices):
            later = await self._send(notice)
            if later is not None:  # the rest wait with it, so none overtakes it
                for rest in notices[n + 1 :]:
                    await self.repo.postpone_notice(rest.id, later)
                    self._unsent.discard(rest.id)
                return

    async def _send(self, notice: QueuedNotice) -> datetime | None:
        """Send one notice; if it must wait (and the ones after it), until when."""
        try:
            return await self._send_one(notice)
        finally:
            self._unsent.discard(notice.id)

    async def _send_one(self, notice: QueuedNotice) -> datetime | None:
        try:
            markup = (
                InlineKeyboardMarkup.model_validate_json(notice.markup) if notice.markup else None
            )
        except ValueError:  # cannot happen with markup this code wrote; never block the queue
            log.error("outbox: notice %d has unreadable buttons; dropped", notice.id)
            await self.repo.finish_notice(notice.id, "rejected")
            return None
        outcome = await send_text(
            self.bot, self.repo, notice.chat_id, notice.text, markup, self.limiter
        )
        if outcome is Outcome.LATER:  # its chat is flood-waited: the others go on meanwhile
            wait = math.ceil(max(1.0, self.limiter.chat_free_in(notice.chat_id)))
            until = self.clock.now() + timedelta(seconds=wait)
            await self.repo.postpone_notice(notice.id, until)
            return until
        if outcome is Outcome.SENT:
            await self.repo.finish_notice(notice.id, "sent")
        elif outcome is Outcome.BLOCKED:
            await self.repo.finish_notice(notice.id, "blocked")
        elif outcome is Outcome.REJECTED:
            await self.repo.finish_notice(notice.id, "rejected")
        elif notice.attempts + 1 >= MAX_ATTEMPTS:
            log.error("outbox: giving up notice %d to %d", notice.id, notice.chat_id)
            await self.repo.finish_notice(notice.id, "failed")
        else:
            delay = retry_delay(notice.attempts)
            await self.repo.retry_notice(notice.id, delay)
            return self.clock.now() + delay
        return None
