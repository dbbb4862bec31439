"""Retrying the bot's own Bot API calls when Telegram hiccups (5xx, network, short 429s);
a reply to a chat Telegram flood-waits for longer goes to the outbox instead of making the
handler (and everything behind it) wait."""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from aiogram.client.session.middlewares.base import BaseRequestMiddleware
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import GetUpdates, SendMessage
from aiogram.types import Chat, InlineKeyboardMarkup, Message

from bot.domain.clock import Clock
from bot.domain.notices import Notice
from bot.services.ports import OutboxStore
from bot.telegram.pacing import RateLimiter

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.client.session.middlewares.base import NextRequestMiddlewareType
    from aiogram.methods.base import TelegramMethod

log = logging.getLogger(__name__)

# Broadcasts pace and retry themselves (and count 429s); they switch this off.
retrying: ContextVar[bool] = ContextVar("retrying", default=True)

ATTEMPTS = 4
# The longest a handler waits for Telegram: a 429 asking for more is not waited out here.
MAX_WAIT = 5.0
# A chat flood-waited within this long is watched: while replies queued during its wait
# are still in the outbox, new replies queue behind them instead of overtaking them.
WATCHED = 600.0


class ReplyDeferral:
    """Replies to a flood-waited chat, queued in the outbox in order and sent once the wait
    is over; meanwhile the handler goes on as if they were sent."""

    def __init__(self, outbox: OutboxStore, clock: Clock) -> None:
        self.outbox = outbox
        self.clock = clock
        self._until: dict[int, float] = {}  # chat -> time.monotonic() its wait ends
        self.queued: Callable[[], None] = lambda: None  # wakes the outbox

    def flood(self, chat_id: int, seconds: float) -> None:
        now = time.monotonic()
        if len(self._until) > 10_000:  # forget waits long over
            self._until = {c: t for c, t in self._until.items() if t + WATCHED > now}
        self._until[chat_id] = max(self._until.get(chat_id, 0.0), now + seconds)

    async def holds(self, chat_id: int) -> bool:
        """Must a reply to this chat go to the outbox: its wait runs, or replies queued
        during it are not all sent yet?"""
        until = self._until.get(chat_id)
        if until is None:
            return False
        now = time.monotonic()
        if now < until or await self.outbox.pending_for(chat_id):
            return True
        if now > until + WATCHED:
            del self._until[chat_id]
        return False

    async def defer(self, method: SendMessage, chat_id: int) -> Message:
        """Queue the reply, due when the wait is over (to the second, never before); the
        handler gets back the message as it will be sent."""
        left = max(0.0, self._until.get(chat_id, 0.0) - time.monotonic())
        markup = method.reply_markup
        notice = Notice(
            chat_id,
            method.text,
            markup.model_dump_json(exclude_none=True)
            if isinstance(markup, InlineKeyboardMarkup)
            else None,
        )
        not_before = self.clock.now() + timedelta(seconds=math.ceil(left) + 1)
        await self.outbox.queue_notices([notice], not_before=not_before)
        self.queued()
        log.info("chat %d is flood-waited %.0f s: a reply went to the outbox", chat_id, left)
        return Message(
            message_id=0,
            date=datetime.now(UTC),
            chat=Chat(id=chat_id, type="private"),
            text=method.text,
        )


class ReplyBudget(BaseRequestMiddleware):
    """Replies to people count in the bot's one send budget, ahead of everything else
    (RateLimiter.sending): while 10,000 reminders go out, someone who taps a button is
    answered at once and the broadcast yields the slot. Paced senders (broadcasts, the
    outbox) switch `retrying` off and book their slots themselves."""

    def __init__(self, limiter: RateLimiter) -> None:
        self.limiter = limiter

    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Any:
        if retrying.get():
            chat_id = getattr(method, "chat_id", None)
            name = type(method).__name__
            if isinstance(chat_id, int) and name.startswith(_SENDS):
                # held until Telegram has answered: the send counts from then (pacing); only
                # a new message waits for the chat's second
                spaced = name.startswith(_MESSAGES) and name != "SendChatAction"
                async with self.limiter.sending(chat_id, reply=True, spaced=spaced):
                    return await make_request(bot, method)
        return await make_request(bot, method)


# the methods that put a message in a chat, which Telegram's flood limits count
_SENDS = ("Send", "Edit", "Copy", "Forward")
# those of them that make a new message, one a second per chat (an edit changes one)
_MESSAGES = ("Send", "Copy", "Forward")


class RetryMiddleware(BaseRequestMiddleware):
    """A reply to a user should not be lost because Telegram answered 502 once, nor wait
    long because it answered 429."""

    def __init__(self, deferral: ReplyDeferral | None = None) -> None:
        self.deferral = deferral

    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Any:
        if not retrying.get() or isinstance(method, GetUpdates):
            return await make_request(bot, method)  # the poller has its own backoff
        reply = self._reply(method)
        if reply is not None and self.deferral is not None and await self.deferral.holds(reply[1]):
            return await self.deferral.defer(*reply)
        delay = 0.5
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                if exc.retry_after > MAX_WAIT or attempt == ATTEMPTS:
                    if reply is None or self.deferral is None:
                        raise
                    self.deferral.flood(reply[1], exc.retry_after)
                    return await self.deferral.defer(*reply)
                log.warning("%s: 429, waiting %d s", type(method).__name__, exc.retry_after)
                await asyncio.sleep(exc.retry_after)
            except (TelegramServerError, TelegramNetworkError) as exc:
                if attempt == ATTEMPTS:
                    raise
                log.warning(
                    "%s failed (%s); retry %d in %.1f s", type(method).__name__, exc, attempt, delay
                )
                await asyncio.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    def _reply(self, method: TelegramMethod[Any]) -> tuple[SendMessage, int] | None:
        """A text reply that may go through the outbox, and its chat; None for the rest."""
        if self.deferral is None or not isinstance(method, SendMessage):
            return None
        return (method, method.chat_id) if isinstance(method.chat_id, int) else None
