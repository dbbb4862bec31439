"""One slow chat never holds up another: per-chat lanes, capped waits, the inbox."""

from __future__ import annotations

import asyncio
import time

from bot.services.items import ItemService
from tests.e2e.scenario import CULTURE_SPB, CULTURE_TOMSK, coordinator


async def answered_within(user, text: str) -> float:
    began = time.monotonic()
    replies = await user.send(text)
    assert replies, f"no answer to {text!r}"
    return time.monotonic() - began


async def test_a_chat_flood_waited_for_30_s_holds_up_nobody(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    petr = await coordinator(live, 1003, "Томская область", CULTURE_TOMSK, "Пётр")
    live.emulator.flood(1001, 30)
    began = time.monotonic()
    before = len(live.emulator.sent_to(1001))
    sent = live.emulator.send_text(1001, "/my_items")  # its answer must wait 30 s
    await asyncio.sleep(1)
    assert await answered_within(petr, "/my_items") < 2
    await live.emulator.wait_handled(sent, 5)
    assert time.monotonic() - began < 5, "the flood-waited handler waited it out"
    assert len(live.emulator.sent_to(1001)) == before  # Telegram took nothing yet
    assert await live.running.repo.outbox_counts() == {"pending": 1}

    # the wait is over: the reply goes out, once, through the outbox
    live.emulator.flooded.clear()
    live.clock.advance(seconds=31)
    await live.notices_sent()
    [reply] = live.emulator.sent_to(1001)[before:]
    assert reply.text.startswith("Мои мероприятия")
    assert reply.buttons()
    assert await live.running.repo.outbox_counts() == {"sent": 1}
    assert anna.last() is reply


async def test_replies_during_a_flood_wait_keep_their_order(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    live.emulator.flood(1001, 20)
    await anna.send("/help")
    await anna.send("/my_items")
    live.emulator.flooded.clear()
    live.clock.advance(seconds=21)
    await live.notices_sent()
    texts = [m.text for m in live.emulator.sent_to(1001)[-2:]]
    assert texts[0].startswith("<b>Команды</b>") or texts[0].startswith("Команды")
    assert "Мои мероприятия" in texts[1]


async def test_a_slow_update_is_kept_in_the_inbox_and_handled_after_a_crash(live, monkeypatch):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    petr = await coordinator(live, 1003, "Томская область", CULTURE_TOMSK, "Пётр")
    real, release = ItemService.my_items, asyncio.Event()

    async def stuck(self, viewer):
        if viewer.user_id == 1001:
            await release.wait()  # as if the process hung on this update
        return await real(self, viewer)

    monkeypatch.setattr(ItemService, "my_items", stuck)
    stuck_update = live.emulator.send_text(1001, "/my_items")
    assert await answered_within(petr, "/help") < 2  # the poll went on past the stuck one
    assert [row[0] for row in await live.running.repo.inbox()] == [stuck_update]

    running = live.running
    running.poller.shutdown_grace = 0.1  # the stuck update is cut short at the stop
    await live.stop()
    monkeypatch.setattr(ItemService, "my_items", real)
    await live.start()  # the new process finds it in the inbox and handles it
    await live.emulator.wait_handled(stuck_update, 10)
    assert "Мои мероприятия" in anna.last().text
    for _ in range(100):  # handled updates leave the inbox a moment later, in a group
        if not await live.running.repo.inbox():
            break
        await asyncio.sleep(0.02)
    assert await live.running.repo.inbox() == []
