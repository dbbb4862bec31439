"""Long polling with a lane per chat: one chat's updates in order, chats side by side, and no
chat holding up another.

Why not aiogram's own polling? `start_polling(handle_as_tasks=False)` handles one update at a
time (and, like this poller, confirms an update only after handling it), so every chat waits
for the slowest update; with `handle_as_tasks=True` updates run concurrently but nothing
keeps one chat's updates in order, and an update being handled when the process dies is
already confirmed and lost. This poller:

- runs each chat's updates in order in its own lane, different chats concurrently, with a
  bounded backlog per chat;
- confirms a batch (moves the offset past it) once every update in it is handled, or, if a
  chat is slow (flood-waited, building a large report), after SPILL_AFTER with the updates
  still running kept in the database's inbox first: after a crash they come back from there
  instead of from Telegram; either way an update is never lost;
- records handled updates in the processed-update log, so a redelivered one is skipped;
- on stop, gives running updates a few seconds, keeps the rest in the inbox, confirms, and
  returns within a bounded time.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections import deque
from collections.abc import Awaitable, Callable

from aiogram import Bot, Dispatcher
from aiogram.exceptions import (
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import GetUpdates
from aiogram.types import Update

from bot.services.ports import Inbox, StorageUnavailable
from bot.telegram.middlewares import handled_by_poller

log = logging.getLogger(__name__)

POLL_TIMEOUT = 25
# A poll Telegram holds for POLL_TIMEOUT seconds; one not answered this much later is stalled
# (a dead connection) and is given up, so the bot notices within seconds, not a minute.
POLL_MARGIN = 5
MAX_BACKOFF = 60.0
SPILL_AFTER = 0.5  # seconds a batch may take before its unfinished updates go to the inbox
SHUTDOWN_GRACE = 3.0  # seconds running updates get to finish when the bot stops
LANE_BACKLOG = 100  # updates one chat may have waiting; more are dropped, with a warning
RECORD_DELAY = 0.05  # handled updates are recorded in groups this far apart
RECORD_RETRY = 5.0  # seconds before trying again to record, when the database is busy
# Handled ids below the offset Telegram was given are never redelivered: they are dropped
# every so many handled updates, keeping this many below it as a margin.
FORGET_EVERY, FORGET_MARGIN = 5000, 1000


def chat_key(update: Update) -> int:
    """Updates of one user or chat are handled in order; others may run alongside."""
    event = update.event
    user = getattr(event, "from_user", None)
    if user is not None:
        return int(user.id)
    chat = getattr(event, "chat", None)
    return int(chat.id) if chat is not None else 0


class Lanes:
    """A queue and a worker per chat; a worker ends when its queue is empty."""

    def __init__(
        self,
        handle: Callable[[Update], Awaitable[object]],
        done: Callable[[Update], None],
        backlog: int = LANE_BACKLOG,
    ) -> None:
        self.handle = handle
        self.done = done
        self.backlog = backlog
        self._queues: dict[int, deque[Update]] = {}
        self._workers: dict[int, asyncio.Task] = {}
        self.dropped: dict[int, int] = {}  # chat -> updates dropped since its lane started

    def submit(self, update: Update) -> bool:
        """Queue the update in its chat's lane; False if that lane's backlog is full."""
        key = chat_key(update)
        queue = self._queues.get(key)
        if queue is None:
            queue = self._queues[key] = deque()
            self._workers[key] = asyncio.create_task(self._work(key, queue))
        elif len(queue) >= self.backlog:
            self.dropped[key] = self.dropped.get(key, 0) + 1
            return False
        queue.append(update)
        return True

    async def _work(self, key: int, queue: deque[Update]) -> None:
        handled_by_poller.set(True)  # this task's context only
        try:
            while queue:
                update = queue[0]
                try:
                    await self.handle(update)
                except Exception:
                    log.exception("update %d was not handled", update.update_id)
                queue.popleft()  # not when cancelled: a cut-short update is not done
                self.done(update)
        finally:
            del self._queues[key], self._workers[key]
            self.dropped.pop(key, None)

    def busy(self) -> int:
        return len(self._workers)

    async def finish(self, grace: float) -> int:
        """Let running updates finish for up to `grace` seconds, then cancel the rest;
        returns how many lanes were cut short."""
        workers = list(self._workers.values())
        if not workers:
            return 0
        _, pending = await asyncio.wait(workers, timeout=grace)
        for worker in pending:
            worker.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        return len(pending)


class Poller:
    def __init__(
        self,
        bot: Bot,
        dp: Dispatcher,
        store: Inbox,
        *,
        poll_timeout: int = POLL_TIMEOUT,
        spill_after: float = SPILL_AFTER,
        shutdown_grace: float = SHUTDOWN_GRACE,
    ) -> None:
        self.bot = bot
        self.dp = dp
        self.store = store
        self.poll_timeout = poll_timeout
        self.poll_margin = POLL_MARGIN
        self.spill_after = spill_after
        self.shutdown_grace = shutdown_grace
        self.offset: int | None = None
        self.stopping = asyncio.Event()
        self.lanes = Lanes(lambda update: dp.feed_update(bot, update), self._done)
        self._batch: set[int] = set()  # ids of the batch in hand still running
        self._batch_done = asyncio.Event()
        self._handled: list[int] = []  # handled, not yet recorded
        self._kept: set[int] = set()  # in the inbox, still running
        self._settled: list[int] = []  # from the inbox, handled, not yet recorded
        self._recorder: asyncio.Task | None = None
        self._recorded = 0  # since ids below the offset were last dropped
        # called with each update once handled (tests and the sandbox wait on it)
        self.on_handled: Callable[[int], None] = lambda update_id: None
        # called with the first update a chat's full lane drops: the sender is told
        self.on_overflow: Callable[[Update], Awaitable[object]] | None = None

    def stop(self) -> None:
        self.stopping.set()

    # --- the loop ----------------------------------------------------------------------------

    async def run(self) -> None:
        """Poll until stop(); whatever is in hand is then finished or kept, and confirmed."""
        await self._resume_inbox()
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
                await self._take(updates)
            except Exception:  # e.g. the processed-update log unreadable: the batch comes again
                log.exception(
                    "a batch of %d updates failed; retrying in %.0f s", len(updates), delay
                )
                await self.pause(delay)
                delay = min(delay * 2, MAX_BACKOFF)
                continue
            delay = 1.0
            self.offset = updates[-1].update_id + 1
        await self._shut_down()

    async def _take(self, updates: list[Update]) -> None:
        """Handle a batch: confirmed (by the next poll) only once it is handled or kept."""
        try:
            seen = await self.store.processed_among([u.update_id for u in updates])
        except StorageUnavailable as exc:
            # the database is away (a PostgreSQL server restarting): handle them all the
            # same, so people hear "try again" instead of nothing; a write fails meanwhile,
            # and what is saved is keyed, so an update handled before is not done twice
            log.warning("handled updates cannot be looked up (%s): handling the batch", exc)
            seen = set()
        seen.update(self._handled, self._settled, self._kept)  # handled or running, unrecorded
        self._batch_done.clear()
        for update in updates:
            if update.update_id in seen:
                log.info("update %d was handled before; skipped", update.update_id)
                self.on_handled(update.update_id)
                continue
            self._batch.add(update.update_id)
            if not self.lanes.submit(update):
                await self._drop(update)
        if self._batch:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._batch_done.wait(), self.spill_after)
        await self._keep_running(updates)
        self._record_later()

    async def _drop(self, update: Update) -> None:
        """A chat sent more than its lane holds (hundreds of messages at once): the update is
        not handled, and the sender is told, once while the lane is full."""
        key = chat_key(update)
        self._batch.discard(update.update_id)
        self._handled.append(update.update_id)
        self.on_handled(update.update_id)
        log.warning("chat %d has over %d updates waiting: one dropped", key, LANE_BACKLOG)
        if self.lanes.dropped.get(key) == 1 and self.on_overflow is not None:
            try:
                await self.on_overflow(update)
            except Exception:
                log.exception("could not tell chat %d its messages were dropped", key)

    def _done(self, update: Update) -> None:
        update_id = update.update_id
        if update_id in self._batch:
            self._batch.discard(update_id)
            self._handled.append(update_id)
            if not self._batch:
                self._batch_done.set()
        elif update_id in self._kept:
            self._kept.discard(update_id)
            self._settled.append(update_id)
            self._record_later()
        self.on_handled(update_id)

    async def _keep_running(self, updates: list[Update]) -> None:
        """The batch's updates still running go to the inbox before the batch is confirmed."""
        if not self._batch:
            return
        running = [u for u in updates if u.update_id in self._batch]
        payloads = [
            (u.update_id, u.model_dump_json(exclude_unset=True, by_alias=True)) for u in running
        ]
        try:
            await self.store.keep_in_inbox(payloads)
        except Exception:  # not kept: then not confirmed either, until they are handled
            log.exception("could not keep %d slow updates; waiting for them", len(running))
            await self._batch_done.wait()
            return
        # from now on their completion settles the inbox; one finished meanwhile is still in
        # the batch, and is recorded with it
        self._kept.update(self._batch)
        self._batch.clear()
        log.info("%d slow updates kept in the inbox; polling goes on", len(running))

    def _record_later(self) -> None:
        """Record what was handled, in the background: the poll goes on meanwhile, even
        while the database is locked by another process."""
        if self._recorder is None or self._recorder.done():
            self._recorder = asyncio.create_task(self._recording())

    async def _recording(self) -> None:
        await asyncio.sleep(RECORD_DELAY)
        for _ in itertools.count():  # the database may be locked for a while: try again
            if await self._record():
                return
            await asyncio.sleep(RECORD_RETRY)

    async def _record(self) -> bool:
        """Record what was handled; False if the database would not take it now.

        Until recorded, the ids are kept here, and a redelivered one is still skipped; a batch
        is confirmed whether or not it is recorded yet, since it is handled and Telegram will
        not send it again. Only a crash before the record could repeat an update (and what
        updates save is keyed, so nothing is saved twice)."""
        handled, settled = list(self._handled), list(self._settled)
        if not handled and not settled:
            return True
        try:
            await self.store.mark_updates_processed(handled, from_inbox=settled)
        except Exception:
            log.exception("could not record %d handled updates yet", len(handled) + len(settled))
            return False
        del self._handled[: len(handled)], self._settled[: len(settled)]
        self._recorded += len(handled) + len(settled)
        if self._recorded >= FORGET_EVERY and self.offset is not None:
            self._recorded = 0
            with contextlib.suppress(Exception):  # the daily tidy-up catches up on failure
                await self.store.forget_updates_below(self.offset - FORGET_MARGIN)
        return True

    async def _resume_inbox(self) -> None:
        """Updates kept in the inbox by a process that stopped before handling them."""
        for update_id, payload in await self.store.inbox():
            update = Update.model_validate_json(payload, context={"bot": self.bot})
            self._kept.add(update_id)
            if not self.lanes.submit(update):
                self._kept.discard(update_id)
                self._settled.append(update_id)
        if self._kept:
            log.info("%d updates from the inbox are handled again", len(self._kept))

    async def _shut_down(self) -> None:
        cut = await self.lanes.finish(self.shutdown_grace)
        if cut:
            log.warning("stopping: %d chats' updates cut short, kept for the next start", cut)
        if self._recorder is not None:
            self._recorder.cancel()
            await asyncio.gather(self._recorder, return_exceptions=True)
        await self._record()
        await self._confirm()

    # --- talking to Telegram ----------------------------------------------------------------

    async def _fetch(self) -> list[Update] | None:
        """The next batch, or None if asked to stop while waiting for it."""
        request = GetUpdates(
            offset=self.offset,
            timeout=self.poll_timeout,
            allowed_updates=self.dp.resolve_used_update_types(),
        )
        fetch = asyncio.ensure_future(
            self.bot(request, request_timeout=self.poll_timeout + self.poll_margin)
        )
        stop = asyncio.ensure_future(self.stopping.wait())
        done, _ = await asyncio.wait({fetch, stop}, return_when=asyncio.FIRST_COMPLETED)
        if fetch not in done:
            fetch.cancel()  # nothing was confirmed by an unfinished request
            await asyncio.gather(fetch, return_exceptions=True)
            return None
        stop.cancel()
        return fetch.result()

    async def pause(self, seconds: float) -> bool:
        """Sleep unless asked to stop meanwhile; True if stopping."""
        try:
            await asyncio.wait_for(self.stopping.wait(), timeout=seconds)
        except TimeoutError:
            return False
        return True

    async def _confirm(self) -> None:
        """Tell Telegram what is handled or kept, so it is not sent again after restart."""
        if self.offset is None:
            return
        try:
            await self.bot(GetUpdates(offset=self.offset, limit=1, timeout=0))
        except Exception as exc:  # the processed-update log still prevents double handling
            log.warning("could not confirm handled updates on shutdown: %s", exc)
