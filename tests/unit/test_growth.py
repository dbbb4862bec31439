"""What grows with traffic is bounded: isolation locks, handled update ids, sent notices."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from aiogram.fsm.storage.base import StorageKey

from bot.domain.notices import Notice
from bot.telegram.housekeeping import tidy
from bot.telegram.isolation import ReleasingIsolation


async def test_isolation_locks_are_dropped_when_free_and_still_serialise():
    isolation = ReleasingIsolation()
    order: list[str] = []

    async def tap(user: int, name: str, pause: float = 0.0) -> None:
        async with isolation.lock(StorageKey(bot_id=1, chat_id=user, user_id=user)):
            order.append(f"{name}+")
            await asyncio.sleep(pause)
            order.append(f"{name}-")

    await asyncio.gather(tap(1, "a", 0.01), tap(1, "b", 0.01), tap(2, "c", 0.01))
    assert order.index("a-") < order.index("b+")  # one user's taps one after the other
    await asyncio.gather(*(tap(user, "x") for user in range(1000)))
    assert isolation.held() == 0


async def test_tidying_forgets_old_ids_and_finished_notices_but_not_pending(repo, clock):
    await repo.mark_updates_processed([1, 2])
    await repo.keep_in_inbox([(2, "{}"), (3, "{}")])  # 2 was handled since it was kept
    await repo.queue_notices([Notice(5, "sent long ago"), Notice(6, "still pending")])
    [sent, _] = await repo.due_notices()
    await repo.finish_notice(sent.id, "sent")
    clock.advance(days=8)
    assert await tidy(repo, timedelta(days=7)) == (2, 1)
    counts = await repo.bookkeeping_counts()
    assert counts["processed_updates"] == 0 and counts["outbox"] == 1
    assert [row[0] for row in await repo.inbox()] == [3]
