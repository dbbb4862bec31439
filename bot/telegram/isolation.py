"""Event isolation: two quick taps of one user never run at once; no lock outlives its use."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Hashable
from contextlib import asynccontextmanager

from aiogram.fsm.storage.base import BaseEventIsolation, StorageKey


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
