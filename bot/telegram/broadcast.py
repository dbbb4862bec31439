"""Sending many reminders: paced, each at most once, resumable after a crash."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

from aiogram import Bot
from aiogram.types import InlineKeyboardMarkup

from bot.services.ports import People, ReminderLog
from bot.services.reminders import CLAIM_LEASE, BroadcastResult, Outgoing
from bot.telegram.pacing import MAX_IN_FLIGHT, RateLimiter, run_in_flight
from bot.telegram.sending import Outcome, send_text

log = logging.getLogger(__name__)


class BroadcastStore(People, ReminderLog, Protocol):
    """Where the broadcaster claims each reminder and notes unreachable people."""


class Broadcaster:
    """The reminder service's Broadcast port: paced, each message claimed before it is sent."""

    def __init__(
        self, bot: Bot, store: BroadcastStore, limiter: RateLimiter, workers: int = MAX_IN_FLIGHT
    ) -> None:
        self.bot = bot
        self.repo = store
        self.limiter = limiter
        self.workers = workers

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
        else:  # failed, or its chat is flood-waited for long: a later run tries again
            await self.repo.release_reminder(*key)
        result.add(outcome.value)
