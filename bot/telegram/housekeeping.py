"""Tidying the bookkeeping that grows with traffic: handled update ids, sent notices."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Protocol

from bot.services.ports import OutboxStore, ProcessedUpdates

log = logging.getLogger(__name__)

# Telegram keeps undelivered updates for 24 hours; a week of ids is a safe margin (the
# poller drops the ones below its offset sooner). Sent notices are kept as long, to look
# into a complaint. A report dialog left open a month is not coming back.
KEPT = timedelta(days=7)
DIALOGS_KEPT = timedelta(days=30)


class Bookkeeping(ProcessedUpdates, OutboxStore, Protocol):
    async def forget_processed_updates(self, older_than: timedelta) -> int: ...

    async def forget_dialogs(self, older_than: timedelta) -> int: ...


async def tidy(store: Bookkeeping, kept: timedelta = KEPT) -> tuple[int, int]:
    """Forget handled update ids and finished notices older than `kept`, and dialogs left
    for a month; (ids, notices)."""
    ids = await store.forget_processed_updates(kept)
    notices = await store.forget_finished_notices(kept)
    dialogs = await store.forget_dialogs(DIALOGS_KEPT)
    if ids or notices or dialogs:
        log.info("tidied: %d update ids, %d notices, %d dialogs", ids, notices, dialogs)
    return ids, notices
