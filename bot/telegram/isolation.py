"""Event isolation: two quick taps of one user never run at once; no lock outlives its use."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncGenerator, Awaitable, Callable, Hashable
from contextlib import asynccontextmanager

from aiogram.fsm.storage.base import BaseEventIsolation, StorageKey

log = logging.getLogger(__name__)


class ReleasingIsolation(BaseEventIsolation):
    """A lock per user and chat, as aiogram's SimpleEventIsolation, but dropped as soon as
    nobody holds or waits for it: that one keeps every lock it ever made (7,000 locks after
    7,000 users), so a bot running for months grows without end.

    The poller already runs one chat's updates one after another; this matters for webhook
    mode, where Telegram may post two updates of a chat at once.
    """

    def __init__(self) -> None:
        self._locks: dict[Hashable, tuple[asyncio.Lock, list[int]]] = {}

    @asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncGenerator[None, None]:
        lock, users = self._locks.setdefault(key, (asyncio.Lock(), [0]))
        users[0] += 1
        try:
            async with lock:
                yield
        finally:
            users[0] -= 1
            if not users[0]:
                del self._locks[key]

    def held(self) -> int:
        """Locks in use now (a soak check)."""
        return len(self._locks)

    async def close(self) -> None:
        self._locks.clear()


@asynccontextmanager
async def renewing(
    renew: Callable[[], Awaitable[object]], every: float, what: str
) -> AsyncGenerator[None, None]:
    """Renew a lease (a claim, a lock shared by the replicas) every `every` seconds while the
    work it guards runs, so the lease can be short: a process that dies holds it up for one
    lease at most, whereas work that takes long keeps it. A failed renewal is logged and
    tried again at the next turn."""

    async def keep() -> None:
        while True:
            await asyncio.sleep(every)
            try:
                await renew()
            except Exception as exc:  # the database or Redis busy or away for a moment
                log.warning("renewing %s failed (%s): tried again", what, type(exc).__name__)

    task = asyncio.create_task(keep())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
