"""Sending to one user the way Telegram wants it: wait on 429, retry 5xx, note blocks."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)

from storage.repository import Repository

log = logging.getLogger(__name__)

ATTEMPTS = 4


async def deliver(bot: Bot, repo: Repository, chat_id: int, text: str, **kwargs: Any) -> bool:
    """Send a message; False if the user cannot be reached (they are then marked so)."""
    delay = 1.0
    for attempt in range(1, ATTEMPTS + 1):
        try:
            await bot.send_message(chat_id, text, **kwargs)
            return True
        except TelegramRetryAfter as exc:
            log.warning("429 for chat %d: waiting %d s", chat_id, exc.retry_after)
            await asyncio.sleep(exc.retry_after)
        except TelegramForbiddenError:
            log.info("user %d blocked the bot; marked unreachable", chat_id)
            await repo.mark_unreachable(chat_id)
            return False
        except TelegramBadRequest as exc:
            if "chat not found" in exc.message.lower():
                await repo.mark_unreachable(chat_id)
                return False
            raise
        except (TelegramServerError, TelegramNetworkError) as exc:
            if attempt == ATTEMPTS:
                log.error("giving up on chat %d after %d attempts: %s", chat_id, attempt, exc)
                return False
            await asyncio.sleep(delay)
            delay *= 2
    return False
