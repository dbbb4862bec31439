"""Retrying the bot's own Bot API calls when Telegram hiccups (5xx, network, 429)."""

from __future__ import annotations

import asyncio
import logging
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from aiogram.client.session.middlewares.base import BaseRequestMiddleware
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import GetUpdates

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.client.session.middlewares.base import NextRequestMiddlewareType
    from aiogram.methods.base import TelegramMethod

log = logging.getLogger(__name__)

# Broadcasts pace and retry themselves (and count 429s); they switch this off.
retrying: ContextVar[bool] = ContextVar("retrying", default=True)

ATTEMPTS = 5
MAX_WAIT = 60.0


class RetryMiddleware(BaseRequestMiddleware):
    """A reply to a user should not be lost because Telegram answered 502 once."""

    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Any:
        if not retrying.get() or isinstance(method, GetUpdates):
            return await make_request(bot, method)  # the poller has its own backoff
        delay = 0.5
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                if attempt == ATTEMPTS or exc.retry_after > MAX_WAIT:
                    raise
                log.warning("%s: 429, waiting %d s", type(method).__name__, exc.retry_after)
                await asyncio.sleep(exc.retry_after)
            except (TelegramServerError, TelegramNetworkError) as exc:
                if attempt == ATTEMPTS:
                    raise
                log.warning(
                    "%s failed (%s); retry %d in %.1f s", type(method).__name__, exc, attempt, delay
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, 8.0)
        raise AssertionError("unreachable")
