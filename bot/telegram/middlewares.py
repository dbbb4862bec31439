"""Per-update middlewares: exactly-once update handling, one answer's messages paced as one
burst, who the sender is, the audit."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.flags import get_flag
from aiogram.types import CallbackQuery, TelegramObject, Update, User

from bot.domain.access import Viewer
from bot.domain.catalog import Catalog
from bot.i18n import Translator
from bot.services.office import OfficeService
from bot.services.people import PeopleService
from bot.services.ports import ProcessedUpdates
from bot.telegram.isolation import renewing
from bot.telegram.pacing import answering_update
from bot.telegram.views.common import Ui

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


# Set in the poller's lanes: the poller checks and records the updates it handles itself.
handled_by_poller: ContextVar[bool] = ContextVar("handled_by_poller", default=False)
# A claim on an update is renewed while it is handled; one not renewed for this long was
# left by a process that died, and Telegram's retry of the update is handled again.
UPDATE_LEASE = timedelta(seconds=10)


class Redelivery:
    """Comes with an update posted to the webhook (as `redelivery`): set when another
    process handles the update now, so it is not answered 200 and Telegram delivers it
    again later (handled then if that process died with it, skipped if it finished)."""

    __slots__ = ("wanted",)

    def __init__(self) -> None:
        self.wanted = False


class AnsweringMiddleware(BaseMiddleware):
    """Marks the messages sent while an update is handled as its answer (pacing.answering):
    they go to the chat together; the answer to the next update waits out the chat's second
    after them."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Update)
        with answering_update(event.update_id):
            return await handler(event, data)


class ProcessedUpdateMiddleware(BaseMiddleware):
    """Claim an update before handling it (renewing the claim while it runs), skip one
    handled before, and turn away one being handled elsewhere (Telegram redelivers a
    webhook request that got no answer, perhaps to another replica while the first still
    works on it: if that one dies, the update must come again); record it handled before
    answering Telegram. The poller checks and records whole batches itself."""

    def __init__(self, processed: ProcessedUpdates) -> None:
        self.processed = processed

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if handled_by_poller.get():
            return await handler(event, data)
        assert isinstance(event, Update)
        update_id = event.update_id
        if not await self.processed.claim_update(update_id, UPDATE_LEASE):
            if await self.processed.is_update_done(update_id):
                log.info("update %d was handled before; skipped", update_id)
                return None
            redelivery = data.get("redelivery")
            if isinstance(redelivery, Redelivery):
                log.info("update %d is being handled elsewhere: Telegram is to retry", update_id)
                redelivery.wanted = True
            return None
        try:
            every = UPDATE_LEASE.total_seconds() / 3
            async with renewing(
                lambda: self.processed.renew_update_claim(update_id), every, "an update's claim"
            ):
                return await handler(event, data)
        finally:
            await self.processed.mark_updates_processed([update_id])


class UserContextMiddleware(BaseMiddleware):
    """Who sent the update: their profile, what they may do (`viewer`), their texts (`t`) and
    what views need to render for them (`ui`), and the message to answer (`reply_to`: the
    message itself, or the one a button is on).

    A button that comes without its message (crafted, or from an inline message, which this
    bot never sends) is answered as outdated and goes no further.
    """

    def __init__(self, people: PeopleService, translator: Translator, roadmap: Catalog) -> None:
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
        try:
            return await handler(event, data)
        finally:  # an action that failed half-way was still taken: it is recorded too
            if not note.refused:
                viewer: Viewer = data["viewer"]
                await self.office.record(viewer.user_id, action, note.details)
