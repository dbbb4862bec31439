"""Sending many reminders: paced, each at most once, resumable after a crash."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Protocol

from aiogram import Bot
from aiogram.types import InlineKeyboardMarkup

from bot.domain.clock import Clock
from bot.domain.notices import Notice
from bot.services.ports import OutboxStore, People, ReminderLog
from bot.services.reminders import CLAIM_LEASE, BroadcastResult, Outgoing
from bot.telegram.pacing import MAX_IN_FLIGHT, RateLimiter, run_in_flight
from bot.telegram.sending import Outcome, send_text

log = logging.getLogger(__name__)


class BroadcastStore(People, ReminderLog, OutboxStore, Protocol):
    """Where the broadcaster claims each reminder, notes unreachable people, and leaves a
    message for a flood-waited chat."""


class Broadcaster:
    """The reminder service's Broadcast port: paced, each message claimed before it is sent."""

    def __init__(
        self,
        bot: Bot,
        store: BroadcastStore,
        limiter: RateLimiter,
        clock: Clock,
        workers: int = MAX_IN_FLIGHT,
    ) -> None:
        self.bot = bot
        self.clock = clock
        self.repo = store
        self.limiter = limiter
        self.workers = workers
        self.queued: Callable[[], None] = lambda: None  # wakes the outbox

    async def send_all(self, messages: Sequence[Outgoing]) -> BroadcastResult:
        result = BroadcastResult()
        await run_in_flight(messages, lambda m: self._send_one(m, result), self.workers)
        return result

    async def _send_one(self, message: Outgoing, result: BroadcastResult) -> None:
        key = (message.user_id, message.kind, message.period)
        if not await self.repo.claim_reminder(*key, lease=CLAIM_LEASE):
            result.add("already")
            return

        def counted() -> None:
            result.retry_after += 1

        markup = message.markup if isinstance(message.markup, InlineKeyboardMarkup) else None
        outcome = await send_text(
            self.bot, self.repo, message.user_id, message.text, markup, self.limiter, counted
        )
        if outcome is Outcome.SENT:
            await self.repo.finish_reminder(*key, "sent")
        elif outcome is Outcome.BLOCKED:
            await self.repo.finish_reminder(*key, "failed", "unreachable")
        elif outcome is Outcome.REJECTED:
            await self.repo.finish_reminder(*key, "failed", "rejected by Telegram")
        elif outcome is Outcome.LATER:  # its chat is flood-waited: the outbox sends it after
            await self._leave_in_outbox(message, markup)
            await self.repo.finish_reminder(*key, "sent", "through the outbox")
        else:  # Telegram kept failing: a later run tries again
            await self.repo.release_reminder(*key)
        result.add(outcome.value)

    async def _leave_in_outbox(self, message: Outgoing, markup: InlineKeyboardMarkup | None):
        wait = math.ceil(max(1.0, self.limiter.chat_free_in(message.user_id)))
        notice = Notice(
            message.user_id,
            message.text,
            markup.model_dump_json(exclude_none=True) if markup else None,
        )
        not_before = self.clock.now() + timedelta(seconds=wait)
        await self.repo.queue_notices([notice], not_before=not_before)
        self.queued()
