"""Sending many reminders: paced, each at most once, resumable after a crash."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from aiogram import Bot
from aiogram.types import InlineKeyboardMarkup

from bot.pacing import MAX_IN_FLIGHT, RateLimiter, run_in_flight
from bot.sender import Outcome, send_text
from storage.repository import Repository

log = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class Outgoing:
    user_id: int
    kind: str
    period: str
    text: str
    markup: InlineKeyboardMarkup | None = None


@dataclass(slots=True)
class BroadcastResult:
    counts: dict[str, int] = field(default_factory=dict)
    retry_after: int = 0  # 429 answers received

    def add(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1


class Broadcaster:
    def __init__(
        self, bot: Bot, repo: Repository, limiter: RateLimiter, workers: int = MAX_IN_FLIGHT
    ) -> None:
        self.bot = bot
        self.repo = repo
        self.limiter = limiter
        self.workers = workers

    async def send_all(self, messages: list[Outgoing]) -> BroadcastResult:
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

        outcome = await send_text(
            self.bot,
            self.repo,
            message.user_id,
            message.text,
            message.markup,
            self.limiter,
            counted,
        )
        if outcome is Outcome.SENT:
            await self.repo.finish_reminder(*key, "sent")
        elif outcome is Outcome.BLOCKED:
            await self.repo.finish_reminder(*key, "failed", "unreachable")
        elif outcome is Outcome.REJECTED:
            await self.repo.finish_reminder(*key, "failed", "rejected by Telegram")
        else:
            await self.repo.release_reminder(*key)  # a later run tries again
        result.add(outcome.value)
