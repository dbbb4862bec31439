"""Two bot processes on one database — a second replica, or the old process still running
while the new one starts during an upgrade: each queued notice is sent by one of them, and
one that stops leaves what it claimed to the other at once."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

import pytest

from bot.composition import prepare
from bot.domain.notices import Notice
from bot.scheduler import Leadership
from tests.conftest import make_settings

pytestmark = pytest.mark.backends  # on SQLite and on PostgreSQL


async def test_two_processes_send_each_queued_notice_once(
    emulator, tmp_path, clock, fresh_database
):
    settings = make_settings(tmp_path, fresh_database)
    one = await prepare(settings, emulator.token, api_base=emulator.api_base, clock=clock)
    two = await prepare(settings, emulator.token, api_base=emulator.api_base, clock=clock)
    try:
        chats = list(range(5001, 5061))
        for chat in chats:
            emulator.add_user(chat, f"User {chat}", "ru")
        await one.repo.queue_notices([Notice(chat, f"notice for {chat}") for chat in chats])
        while await one.repo.due_notices(limit=1):
            await asyncio.gather(one.outbox.send_due(), two.outbox.send_due())
        sent = Counter(m.chat_id for m in emulator.messages.values())
        assert sorted(sent) == chats and set(sent.values()) == {1}
        assert (await one.repo.outbox_counts()) == {"sent": len(chats)}
    finally:
        await one.close()
        await two.close()


async def test_a_claim_is_the_claimers_until_its_lease_runs_out(
    emulator, tmp_path, clock, fresh_database
):
    """A process that died mid-send leaves its notices to the others after the lease; one
    that stops hands back those it had not sent."""
    settings = make_settings(tmp_path, fresh_database)
    one = await prepare(settings, emulator.token, api_base=emulator.api_base, clock=clock)
    two = await prepare(settings, emulator.token, api_base=emulator.api_base, clock=clock)
    try:
        await one.repo.queue_notices([Notice(6001, "one"), Notice(6002, "two")])
        claimed = await one.repo.claim_due_notices(10, timedelta(minutes=2))
        assert [n.text for n in claimed] == ["one", "two"]
        assert await two.repo.claim_due_notices(10, timedelta(minutes=2)) == []  # the first's
        await one.repo.release_notices([claimed[1].id])  # stopping: the unsent one back
        [back] = await two.repo.claim_due_notices(10, timedelta(minutes=2))
        assert back.text == "two"
        await two.repo.finish_notice(back.id, "sent")
        clock.advance(minutes=3)  # the first died with "one": its lease has run out
        [again] = await two.repo.claim_due_notices(10, timedelta(minutes=2))
        assert again.text == "one"
    finally:
        await one.close()
        await two.close()


async def test_a_chat_s_notices_stay_in_order_across_processes(
    emulator, tmp_path, clock, fresh_database
):
    """While one process holds a chat's notice, the other takes none of that chat's later
    ones, so they cannot overtake it (nor a flood wait one of them is waiting out)."""
    settings = make_settings(tmp_path, fresh_database)
    one = await prepare(settings, emulator.token, api_base=emulator.api_base, clock=clock)
    two = await prepare(settings, emulator.token, api_base=emulator.api_base, clock=clock)
    try:
        await one.repo.queue_notices([Notice(7001, "first")])
        [held] = await one.repo.claim_due_notices(10, timedelta(minutes=2))
        await one.repo.queue_notices([Notice(7001, "second"), Notice(7002, "other chat")])
        [other] = await two.repo.claim_due_notices(10, timedelta(minutes=2))
        assert other.text == "other chat"
        await one.repo.finish_notice(held.id, "sent")
        [second] = await two.repo.claim_due_notices(10, timedelta(minutes=2))
        assert second.text == "second"
    finally:
        await one.close()
        await two.close()


async def test_one_process_runs_the_reminder_tick_and_another_takes_over(repo, clock):
    """The lease behind the reminder tick: held and renewed by one process; the other gets
    it once the holder stops renewing (it died) or lets it go (it stopped)."""
    first, second = Leadership(repo), Leadership(repo)
    assert await first.renew() and not await second.renew()
    clock.advance(seconds=30)
    assert await first.renew() and not await second.renew()  # renewed in time
    clock.advance(seconds=46)  # the first died: its lease has run out
    assert await second.renew() and not await first.renew()
    await second.release()  # stopping: the first need not wait
    assert await first.renew()
