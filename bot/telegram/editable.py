"""Delivery of messages that change later: sent now with their id kept, edited in place.

An admin's copy of a membership request is one: once another admin decides the request,
the copy is edited to say who decided, and loses its buttons."""

from __future__ import annotations

import logging

from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardMarkup, Message

from bot.domain.notices import Notice
from bot.telegram.sending import Outcome, TelegramDelivery, send_with_retries

log = logging.getLogger(__name__)


class EditableTelegramDelivery(TelegramDelivery):
    """TelegramDelivery that can also say which message it sent, and edit it later."""

    async def deliver_editable(self, notice: Notice) -> int | None:
        markup = InlineKeyboardMarkup.model_validate_json(notice.markup) if notice.markup else None
        sent: list[Message] = []

        async def send() -> None:
            sent.append(
                await self.bot.send_message(notice.chat_id, notice.text, reply_markup=markup)
            )

        outcome = await send_with_retries(send, notice.chat_id, self.limiter, reply=True)
        if outcome is Outcome.SENT and sent:
            return sent[-1].message_id
        if outcome is Outcome.BLOCKED:
            await self.store.mark_unreachable(notice.chat_id)
        elif outcome in (Outcome.LATER, Outcome.FAILED):
            # sent later from the outbox: delivered all the same, but not edited afterwards
            await self.store.queue_notices([notice])
            self.queued()
        return None

    async def replace_text(self, chat_id: int, message_id: int, text: str) -> bool:
        try:
            await self.bot.edit_message_text(
                text=text, chat_id=chat_id, message_id=message_id, reply_markup=None
            )
            return True
        except (
            TelegramBadRequest,  # deleted, too old to edit, or showing this text already
            TelegramForbiddenError,
            TelegramRetryAfter,
            TelegramNetworkError,
            TelegramServerError,
        ) as exc:
            log.info("request copy %d/%d left as it is: %s", chat_id, message_id, exc)
            return False
