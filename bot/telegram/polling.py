"""Long polling that confirms updates to Telegram only after they are handled.

aiogram's own polling advances the offset as soon as an update is read; if the process dies
while handling it, Telegram never sends it again. Here a batch is handled first (updates of
one chat in order, different chats concurrently) and the offset moves past it only then, so
a crash means redelivery, and the processed-update log turns redelivery into exactly-once.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Iterable

from aiogram import Bot, Dispatcher
from aiogram.exceptions import (
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import GetUpdates
from aiogram.types import Update

from bot.services.ports import ProcessedUpdates
from bot.telegram.middlewares import recorded_together

log = logging.getLogger(__name__)

POLL_TIMEOUT = 25
MAX_BACKOFF = 60.0


def _chat_key(update: Update) -> int:
    """Updates of one user or chat are handled in order; others may run alongside."""
    event = update.event
    user = getattr(event, "from_user", None)
    if user is not None:
        return user.id
    chat = getattr(event, "chat", None)
    return chat.id if chat is not None else 0


async def handle_batch(
    bot: Bot, dp: Dispatcher, repo: ProcessedUpdates, updates: Iterable[Update]
) -> None:
    updates = list(updates)
    # one look-up for the batch; ProcessedUpdateMiddleware skips its own check inside it
    seen = await repo.processed_among([update.update_id for update in updates])
    lanes: dict[int, list[Update]] = defaultdict(list)
    for update in updates:
        if update.update_id in seen:
            log.info("update %d was handled before; skipped", update.update_id)
            continue
        lanes[_chat_key(update)].append(update)

    async def run_lane(lane: list[Update]) -> None:
        for update in lane:
            try:
                await dp.feed_update(bot, update)
            except Exception:
                log.exception("update %d was not handled", update.update_id)

    async with recorded_together(repo):
        await asyncio.gather(*(run_lane(lane) for lane in lanes.values()))


class Poller:
    def __init__(
        self,
        bot: Bot,
        dp: Dispatcher,
        processed: ProcessedUpdates,
        *,
        poll_timeout: int = POLL_TIMEOUT,
    ) -> None:
        self.bot = bot
        self.dp = dp
        self.processed = processed
        self.poll_timeout = poll_timeout
        self.offset: int | None = None
        self.stopping = asyncio.Event()

    def stop(self) -> None:
        self.stopping.set()

    async def _fetch(self) -> list[Update] | None:
        """The next batch, or None if asked to stop while waiting for it."""
        request = GetUpdates(
            offset=self.offset,
            timeout=self.poll_timeout,
            allowed_updates=self.dp.resolve_used_update_types(),
        )
        fetch = asyncio.ensure_future(
            self.bot(request, request_timeout=int(self.bot.session.timeout + self.poll_timeout))
        )
        stop = asyncio.ensure_future(self.stopping.wait())
        done, _ = await asyncio.wait({fetch, stop}, return_when=asyncio.FIRST_COMPLETED)
        if fetch not in done:
            fetch.cancel()  # nothing was confirmed by an unfinished request
            await asyncio.gather(fetch, return_exceptions=True)
            return None
        stop.cancel()
        return fetch.result()

    async def run(self) -> None:
        """Poll until stop(); the batch in hand is always finished and confirmed."""
        delay = 1.0
        while not self.stopping.is_set():
            try:
                updates = await self._fetch()
            except TelegramUnauthorizedError:
                raise
            except TelegramRetryAfter as exc:
                log.warning("Telegram asks to wait %d s before polling again", exc.retry_after)
                await self.pause(exc.retry_after)
                continue
            except (TimeoutError, TelegramNetworkError, TelegramServerError, OSError) as exc:
                log.warning("polling failed (%s); retrying in %.0f s", exc, delay)
                await self.pause(delay)
                delay = min(delay * 2, MAX_BACKOFF)
                continue
            if not updates:
                delay = 1.0
                continue
            try:
                await handle_batch(self.bot, self.dp, self.processed, updates)
            except Exception:  # e.g. the processed-update log unreadable: the batch comes again
                log.exception(
                    "a batch of %d updates failed; retrying in %.0f s", len(updates), delay
                )
                await self.pause(delay)
                delay = min(delay * 2, MAX_BACKOFF)
                continue
            delay = 1.0
            self.offset = updates[-1].update_id + 1
        await self._confirm()

    async def pause(self, seconds: float) -> bool:
        """Sleep unless asked to stop meanwhile; True if stopping."""
        try:
            await asyncio.wait_for(self.stopping.wait(), timeout=seconds)
        except TimeoutError:
            return False
        return True

    async def _confirm(self) -> None:
        """Tell Telegram the last batch is handled, so it is not sent again after restart."""
        if self.offset is None:
            return
        try:
            await self.bot(GetUpdates(offset=self.offset, limit=1, timeout=0))
        except Exception as exc:  # the processed-update log still prevents double handling
            log.warning("could not confirm handled updates on shutdown: %s", exc)
