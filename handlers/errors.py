"""The dispatcher-wide error handler: logs with context, tells the user something useful."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ErrorEvent

from bot.domain.people import pick_locale
from bot.i18n import Translator
from bot.services.ports import StorageUnavailable

log = logging.getLogger(__name__)


async def on_error(event: ErrorEvent, bot: Bot, translator: Translator) -> bool:
    """Registered on the dispatcher itself, so it catches errors from every router."""
    update = event.update
    log.error(
        "update %d (%s) failed: %r",
        update.update_id,
        update.event_type,
        event.exception,
        exc_info=event.exception,
    )
    source = update.message or update.callback_query or update.edited_message
    sender = getattr(source, "from_user", None)
    if sender is None:
        return True
    locale = pick_locale(None, sender.language_code)
    if isinstance(event.exception, StorageUnavailable):  # say why, in plain words
        text = translator.get(locale, "error-storage", reason=event.exception.reason)
    else:
        text = translator.get(locale, "error-generic")
    try:
        # a message rather than a popup: CallbackAnswerMiddleware has answered the query
        await bot.send_message(sender.id, text)
    except TelegramAPIError:
        log.warning("could not tell user %d about the error", sender.id)
    return True
