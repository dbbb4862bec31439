"""Tidying the bookkeeping that grows with traffic: handled update ids, sent notices."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Protocol

from bot.services.ports import OutboxStore, ProcessedUpdates

log = logging.getLogger(__name__)

# Telegram keeps undelivered updates for 24 hours; a week of ids is a safe margin. Sent
# notices are kept as long, to look into a complaint.
KEPT = timedelta(days=7)


class Bookkeeping(ProcessedUpdates, OutboxStore, Protocol):
    async def forget_processed_updates(self, older_than: timedelta) -> int: ...


async def tidy(store: Bookkeeping, kept: timedelta = KEPT) -> tuple[int, int]:
    """Forget handled update ids and finished notices older than `kept`; (ids, notices)."""
    ids = await store.forget_processed_updates(kept)
    notices = await store.forget_finished_notices(kept)
    if ids or notices:
        log.info("tidied: %d handled update ids, %d finished notices", ids, notices)
    return ids, notices
