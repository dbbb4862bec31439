"""Per-update middlewares: exactly-once update handling, and the current user's profile."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update, User

from bot.i18n import Translator, pick_locale
from storage.repository import Repository

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


_handled_together: ContextVar[list[int] | None] = ContextVar("handled_together", default=None)


@asynccontextmanager
async def recorded_together(repo: Repository) -> AsyncIterator[None]:
    """Updates handled inside this block are recorded as processed in one transaction at its
    end, instead of one each: the poller wraps a batch in it (having left out the updates
    handled before) and confirms the batch to Telegram only afterwards. A crash before the
    record means the batch comes again and its handled updates are handled again; what they
    save is keyed, so nothing is saved twice."""
    handled: list[int] = []
    token = _handled_together.set(handled)
    try:
        yield
    finally:
        _handled_together.reset(token)
        if handled:
            try:
                await repo.mark_updates_processed(handled)
            except Exception:
                log.exception("could not record %d handled updates", len(handled))


class ProcessedUpdateMiddleware(BaseMiddleware):
    """Skip an update already handled (Telegram redelivers after a crash); record handled ones."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Update)
        batch = _handled_together.get()  # a poll batch, checked by the poller as a whole
        if batch is None and await self.repo.is_update_processed(event.update_id):
            log.info("update %d was handled before; skipped", event.update_id)
            return None
        try:
            return await handler(event, data)
        finally:
            if batch is None:  # a webhook request: record it before answering Telegram
                await self.repo.mark_updates_processed([event.update_id])
            else:
                batch.append(event.update_id)


class UserContextMiddleware(BaseMiddleware):
    """Record the sender and give handlers their locale and texts as `t`."""

    def __init__(self, repo: Repository, translator: Translator, admin_ids: list[int]) -> None:
        self.repo = repo
        self.translator = translator
        self.admin_ids = frozenset(admin_ids)

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None or user.is_bot:
            return await handler(event, data)
        profile = await self.repo.touch_user(
            user.id, user.first_name, user.last_name, user.username, user.language_code
        )
        locale = pick_locale(profile.language, profile.telegram_language)
        data["profile"] = profile
        data["locale"] = locale
        data["t"] = self.translator.for_locale(locale)
        data["is_admin"] = user.id in self.admin_ids
        return await handler(event, data)
