"""Sending the way Telegram wants it: paced, waiting out short 429s, retrying 5xx, noting
blocks; a chat flood-waited for longer is left for later instead of holding up others."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Any, Protocol

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
from bot.services.ports import OutboxStore, People
from bot.telegram.pacing import RateLimiter
from bot.telegram.retry import MAX_WAIT, retrying

log = logging.getLogger(__name__)

ATTEMPTS = 4
MAX_RETRY_AFTER_ROUNDS = 10  # a chat that keeps answering "retry after" is given up on


class Outcome(StrEnum):
    SENT = "sent"
    BLOCKED = "blocked"  # the user blocked the bot or never started it: final
    REJECTED = "rejected"  # Telegram refused the message itself: final, a bug to fix
    FAILED = "failed"  # Telegram or the network kept failing: worth another try later
    LATER = "later"  # the chat is flood-waited for longer than a sender waits: try later


async def send_with_retries(
    send: Callable[[], Awaitable[Any]],
    chat_id: int,
    limiter: RateLimiter | None = None,
    on_retry_after: Callable[[], None] | None = None,
    max_wait: float = MAX_WAIT,
    reply: bool = False,
) -> Outcome:
    """Send once, waiting out 429s of up to `max_wait` seconds and retrying 5xx here;
    `reply`: paced as a reply is (RateLimiter.sending), ahead of broadcasts.

    A longer 429 is not slept through: the chat is marked with the limiter (which delays
    every chat if several are refused at once) and the answer is LATER, so the caller can
    move on to other chats and come back to this one.
    """
    # this loop paces and retries itself (and counts 429s): the session must not, too
    token = retrying.set(False)
    try:
        return await _send_loop(send, chat_id, limiter, on_retry_after, max_wait, reply)
    finally:
        retrying.reset(token)


async def _send_loop(
    send: Callable[[], Awaitable[Any]],
    chat_id: int,
    limiter: RateLimiter | None,
    on_retry_after: Callable[[], None] | None,
    max_wait: float,
    reply: bool,
) -> Outcome:
    delay = 1.0
    attempts = rounds = 0
    while True:
        if limiter is not None and limiter.chat_free_in(chat_id) > max_wait:
            return Outcome.LATER
        try:
            if limiter is None:
                await send()
            elif reply:  # the slot is held until Telegram has answered: it counts from then
                async with limiter.sending(chat_id, reply=True):
                    await send()
            else:
                async with limiter.sending(chat_id), limiter.in_flight:
                    await send()
            return Outcome.SENT
        except TelegramRetryAfter as exc:
            log.warning("429 for chat %d: retry after %d s", chat_id, exc.retry_after)
            if on_retry_after:
                on_retry_after()
            if limiter is not None:
                limiter.retry_after(chat_id, exc.retry_after)
            if exc.retry_after > max_wait:
                return Outcome.LATER
            rounds += 1
            if rounds >= MAX_RETRY_AFTER_ROUNDS:
                return Outcome.FAILED
            if limiter is None or reply:  # a reply's slot does not wait for its chat
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
    reply: bool = False,
) -> Outcome:
    """One message, retried as above; a user who blocked the bot is marked unreachable."""
    outcome = await send_with_retries(
        lambda: bot.send_message(chat_id, text, reply_markup=markup),
        chat_id,
        limiter,
        on_retry_after,
        reply=reply,
    )
    if outcome is Outcome.BLOCKED:
        log.info("user %d cannot be reached; marked unreachable", chat_id)
        await people.mark_unreachable(chat_id)
    return outcome


class DeliveryStore(People, OutboxStore, Protocol):
    """Where delivery marks the unreachable, and queues what it cannot send now."""


class TelegramDelivery:
    """Sends a message to one person now, as the use cases' Delivery port asks; one Telegram
    will not take now (a long flood wait, an outage) goes to the outbox to be sent later.

    Someone's action sends it (a request to the admins, a decision to the member), so with
    a `limiter` it is paced as a reply: in the bot's one send budget, ahead of broadcasts."""

    def __init__(self, bot: Bot, store: DeliveryStore, limiter: RateLimiter | None = None) -> None:
        self.bot = bot
        self.store = store
        self.limiter = limiter
        self.queued: Callable[[], None] = lambda: None  # wakes the outbox

    async def deliver(self, notice: Notice) -> bool:
        markup = InlineKeyboardMarkup.model_validate_json(notice.markup) if notice.markup else None
        outcome = await send_text(
            self.bot, self.store, notice.chat_id, notice.text, markup, self.limiter, reply=True
        )
        if outcome in (Outcome.LATER, Outcome.FAILED):
            await self.store.queue_notices([notice])
            self.queued()
            return True
        return outcome is Outcome.SENT
