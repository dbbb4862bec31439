"""Sending the way Telegram wants it: paced, waiting out 429, retrying 5xx, noting blocks."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardMarkup

from bot.domain.notices import Notice
from bot.services.ports import People
from bot.telegram.pacing import RateLimiter
from bot.telegram.retry import retrying

log = logging.getLogger(__name__)

ATTEMPTS = 4
MAX_RETRY_AFTER_ROUNDS = 10


class Outcome(StrEnum):
    SENT = "sent"
    BLOCKED = "blocked"  # the user blocked the bot or never started it: final
    REJECTED = "rejected"  # Telegram refused the message itself: final, a bug to fix
    FAILED = "failed"  # Telegram or the network kept failing: worth another try later


async def send_with_retries(
    send: Callable[[], Awaitable[Any]],
    chat_id: int,
    limiter: RateLimiter | None = None,
    on_retry_after: Callable[[], None] | None = None,
) -> Outcome:
    """Send once, waiting out 429 and retrying 5xx here; says how it ended."""
    # this loop paces and retries itself (and counts 429s): the session must not, too
    token = retrying.set(False)
    try:
        return await _send_loop(send, chat_id, limiter, on_retry_after)
    finally:
        retrying.reset(token)


async def _send_loop(
    send: Callable[[], Awaitable[Any]],
    chat_id: int,
    limiter: RateLimiter | None,
    on_retry_after: Callable[[], None] | None,
) -> Outcome:
    delay = 1.0
    attempts = rounds = 0
    while True:
        if limiter is not None:
            await limiter.wait(chat_id)
        try:
            await send()
            return Outcome.SENT
        except TelegramRetryAfter as exc:
            rounds += 1
            log.warning("429 for chat %d: waiting %d s", chat_id, exc.retry_after)
            if on_retry_after:
                on_retry_after()
            if rounds > MAX_RETRY_AFTER_ROUNDS:
                return Outcome.FAILED
            if limiter is not None:
                limiter.pause(exc.retry_after)
            else:
                await asyncio.sleep(exc.retry_after)
        except TelegramForbiddenError:
            return Outcome.BLOCKED
        except TelegramBadRequest as exc:
            if "chat not found" in exc.message.lower():
                return Outcome.BLOCKED
            log.error("Telegram rejected a message to chat %d: %s", chat_id, exc.message)
            return Outcome.REJECTED
        except (TelegramServerError, TelegramNetworkError) as exc:
            attempts += 1
            if attempts >= ATTEMPTS:
                log.error("giving up on chat %d after %d attempts: %s", chat_id, attempts, exc)
                return Outcome.FAILED
            await asyncio.sleep(delay)
            delay *= 2


async def send_text(
    bot: Bot,
    people: People,
    chat_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    limiter: RateLimiter | None = None,
    on_retry_after: Callable[[], None] | None = None,
) -> Outcome:
    """One message, retried as above; a user who blocked the bot is marked unreachable."""
    outcome = await send_with_retries(
        lambda: bot.send_message(chat_id, text, reply_markup=markup),
        chat_id,
        limiter,
        on_retry_after,
    )
    if outcome is Outcome.BLOCKED:
        log.info("user %d cannot be reached; marked unreachable", chat_id)
        await people.mark_unreachable(chat_id)
    return outcome


class TelegramDelivery:
    """Sends a message to one person now, as the use cases' Delivery port asks."""

    def __init__(self, bot: Bot, people: People) -> None:
        self.bot = bot
        self.people = people

    async def deliver(self, notice: Notice) -> bool:
        markup = InlineKeyboardMarkup.model_validate_json(notice.markup) if notice.markup else None
        outcome = await send_text(self.bot, self.people, notice.chat_id, notice.text, markup)
        return outcome is Outcome.SENT
