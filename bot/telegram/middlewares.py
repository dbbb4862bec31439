"""Per-update middlewares: exactly-once update handling, who the sender is, the audit."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.flags import get_flag
from aiogram.types import CallbackQuery, TelegramObject, Update, User

from bot.domain.access import Viewer
from bot.domain.roadmap import Roadmap
from bot.i18n import Translator
from bot.services.office import OfficeService
from bot.services.people import PeopleService
from bot.services.ports import ProcessedUpdates
from bot.telegram.views.common import Ui

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


_handled_together: ContextVar[list[int] | None] = ContextVar("handled_together", default=None)


@asynccontextmanager
async def recorded_together(log_: ProcessedUpdates) -> AsyncIterator[None]:
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
                await log_.mark_updates_processed(handled)
            except Exception:
                log.exception("could not record %d handled updates", len(handled))


class ProcessedUpdateMiddleware(BaseMiddleware):
    """Skip an update already handled (Telegram redelivers after a crash); record handled ones."""

    def __init__(self, processed: ProcessedUpdates) -> None:
        self.processed = processed

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Update)
        batch = _handled_together.get()  # a poll batch, checked by the poller as a whole
        if batch is None and await self.processed.is_update_processed(event.update_id):
            log.info("update %d was handled before; skipped", event.update_id)
            return None
        try:
            return await handler(event, data)
        finally:
            if batch is None:  # a webhook request: record it before answering Telegram
                await self.processed.mark_updates_processed([event.update_id])
            else:
                batch.append(event.update_id)


class UserContextMiddleware(BaseMiddleware):
    """Who sent the update: their profile, what they may do (`viewer`), their texts (`t`) and
    what views need to render for them (`ui`), and the message to answer (`reply_to`: the
    message itself, or the one a button is on).

    A button that comes without its message (crafted, or from an inline message, which this
    bot never sends) is answered as outdated and goes no further.
    """

    def __init__(self, people: PeopleService, translator: Translator, roadmap: Roadmap) -> None:
        self.people = people
        self.translator = translator
        self.roadmap = roadmap

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None or user.is_bot:
            return await handler(event, data)
        profile, viewer = await self.people.identify(
            user.id, user.first_name, user.last_name, user.username, user.language_code
        )
        t = self.translator.for_locale(profile.locale)
        data["profile"] = profile
        data["viewer"] = viewer
        data["t"] = t
        data["ui"] = Ui(t, self.roadmap, viewer.zone)
        if isinstance(event, CallbackQuery):
            if event.message is None:
                await event.answer(t("button-outdated"), show_alert=True)
                return None
            data["reply_to"] = event.message
        else:
            data["reply_to"] = event
        return await handler(event, data)


@dataclass(slots=True)
class AuditNote:
    """What a handler flagged for the audit adds about this call (a year, a period), or that
    it refused and there is nothing to record."""

    details: str = ""
    refused: bool = False


class AuditMiddleware(BaseMiddleware):
    """Writes an audit entry for each handler flagged `audit="action"`, once it has run.

    A handler that needs to say more takes `audit: AuditNote` and fills in its details.
    """

    def __init__(self, office: OfficeService) -> None:
        self.office = office

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        action = get_flag(data, "audit")
        if action is None:
            return await handler(event, data)
        note = data["audit"] = AuditNote()
        result = await handler(event, data)
        if not note.refused:
            viewer: Viewer = data["viewer"]
            await self.office.record(viewer.user_id, action, note.details)
        return result
