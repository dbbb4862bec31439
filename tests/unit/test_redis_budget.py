"""The send budget, dialogs and locks that replicas share through Redis: a real redis-server
on loopback (tests/redis_server.py), two RateLimiters standing for two replicas."""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram.fsm.storage.base import StorageKey
from redis.asyncio.connection import Connection
from redis.exceptions import RedisError

from bot.logging_setup import redact_url
from bot.settings import load_settings
from bot.telegram.pacing import RateLimiter, answering_update
from bot.telegram.redis_state import (
    WINDOW,
    RedisUnavailable,
    SharedState,
    connect_redis,
)
from tests.redis_server import RedisServer, redis_server
from tests.servers import free_port
from tests.unit.test_pacing import Telegram, send_through

BOT_ID = 42


@pytest.fixture
async def replicas(redis_url: str) -> AsyncIterator[tuple[SharedState, SharedState]]:
    """What two replicas share: each its own connection to the one Redis."""
    one = await connect_redis(redis_url, BOT_ID, 10)
    two = await connect_redis(redis_url, BOT_ID, 10)
    yield one, two
    await one.close()
    await two.close()


def worst_second(times: list[float]) -> int:
    times = sorted(times)
    return max(sum(1 for t in times if start <= t < start + 1.0) for start in times)


def test_the_password_never_shows():
    assert redact_url("redis://:pw@h:6379/0") == "redis://***@h:6379/0"
    assert redact_url("redis://user:pw@h:6379/2") == "redis://***@h:6379/2"
    assert redact_url("rediss://h:6380/0") == "rediss://h:6380/0"
    assert redact_url("redis://h/0?password=pw&x=1") == "redis://h/0?password=***&x=1"


def test_redis_url_is_checked_and_empty_means_none(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REDIS_URL", "")
    assert load_settings().redis_url is None
    monkeypatch.setenv("REDIS_URL", "http://:topsecret@h:1/0")
    with pytest.raises(Exception, match="setting REDIS_URL is invalid") as caught:
        load_settings()
    assert "topsecret" not in str(caught.value)
    monkeypatch.setenv("REDIS_URL", "redis://:topsecret@h:1/0")
    settings = load_settings()
    assert "topsecret" not in repr(settings) and "topsecret" in settings.url_passwords()


async def test_unreachable_redis_is_named_without_its_password():
    url = f"redis://:topsecret@127.0.0.1:{free_port()}/0"
    with pytest.raises(RedisUnavailable) as caught:
        await connect_redis(url, BOT_ID, 25)
    message = str(caught.value)
    assert message.startswith(f"Redis at redis://***@127.0.0.1:{url.split(':')[3]}")
    assert "unreachable" in message and "topsecret" not in message


async def test_a_wrong_password_is_named_without_it(redis_session: RedisServer):
    url = redis_session.url.replace(RedisServer.PASSWORD, "wrong-pass")
    with pytest.raises(RedisUnavailable) as caught:
        await connect_redis(url, BOT_ID, 25)
    assert "wrong-pass" not in str(caught.value) and "redis://***@" in str(caught.value)


@pytest.mark.slow
async def test_two_replicas_together_stay_under_one_rate(replicas):
    one, two = replicas
    limiters = [RateLimiter(10, shared=one.budget), RateLimiter(10, shared=two.budget)]
    loop = asyncio.get_running_loop()
    sent: list[float] = []

    async def broadcast(limiter: RateLimiter, chats: range) -> None:
        for chat in chats:
            await send_through(limiter, chat)
            sent.append(loop.time())

    began = loop.time()
    await asyncio.gather(
        broadcast(limiters[0], range(0, 30)), broadcast(limiters[1], range(30, 60))
    )
    took = loop.time() - began
    assert worst_second(sent) <= 10  # alone, each would have sent 10 a second: 20 together
    assert took < 7.0, f"60 sends at 10/s took {took:.1f} s"  # the budget is used, too


@pytest.mark.slow
async def test_replies_on_one_replica_go_before_a_broadcast_on_the_other(replicas):
    one, two = replicas
    broadcasting, replying = RateLimiter(10, shared=one.budget), RateLimiter(10, shared=two.budget)
    loop = asyncio.get_running_loop()
    sends: list[float] = []
    waits: list[float] = []

    async def broadcast() -> None:
        for chat in range(1000, 1040):
            await send_through(broadcasting, chat)
            sends.append(loop.time())

    async def people() -> None:
        await asyncio.sleep(0.5)  # the broadcast has taken the whole budget
        for chat in range(8):
            await asyncio.sleep(0.3)
            asked = loop.time()
            await send_through(replying, chat, reply=True)
            sends.append(loop.time())
            waits.append(loop.time() - asked)

    await asyncio.gather(broadcast(), people())
    assert worst_second(sends) <= 10
    # a reply waits at most for a slot to come free, never for the broadcast's queue
    assert max(waits) < WINDOW + 0.05, waits


async def test_a_chat_s_second_and_a_bot_wide_pause_hold_on_every_replica(replicas):
    one, two = replicas
    first, second = RateLimiter(25, shared=one.budget), RateLimiter(25, shared=two.budget)
    began = time.monotonic()
    await send_through(first, 7)
    await send_through(second, 7)  # the same chat from the other replica: a second later
    assert time.monotonic() - began >= 1.0
    first.pause(0.6)  # Telegram's 429 to the whole bot, seen by one replica
    await asyncio.sleep(0.05)  # passed on in the background
    began = time.monotonic()
    await send_through(second, 8)
    assert time.monotonic() - began >= 0.45
    await send_through(second, 9, reply=True)  # a reply waits out a bot-wide pause, no more


async def test_a_chat_s_second_counts_from_the_answer_on_every_replica(replicas):
    """A message slow to reach Telegram (it may arrive just before its answer comes back):
    the other replica sends to the chat a second after that answer, not a second after the
    slot, a reply as well. The messages of one answer go together and start the chat's
    second again; an edit does not."""
    one, two = replicas
    first, second = RateLimiter(25, shared=one.budget), RateLimiter(25, shared=two.budget)
    loop = asyncio.get_running_loop()
    async with first.sending(7):
        await asyncio.sleep(0.4)
    back = loop.time()
    async with second.sending(7):
        assert loop.time() - back >= 1.0
    back = loop.time()
    with answering_update(1):
        async with first.sending(7, reply=True):
            assert loop.time() - back >= 1.0
            await asyncio.sleep(0.3)
        asked = loop.time()
        async with first.sending(7, reply=True):  # the same answer's next message
            assert loop.time() - asked < 0.3
        back = loop.time()
    async with second.sending(7):
        assert loop.time() - back >= 1.0
        back = loop.time()
    await asyncio.sleep(0.4)
    async with first.sending(7, reply=True, spaced=False):  # an edit: at once...
        pass
    async with second.sending(7):  # ...and the chat's second runs from the message before
        assert 1.0 <= loop.time() - back < 1.3


@pytest.mark.slow
async def test_jittery_requests_on_two_replicas_stay_under_one_rate(replicas):
    """Both replicas broadcast at full speed and answer the same few people, every request
    delayed on its way by tens of milliseconds (a stall now and then): Telegram never sees
    more than the rate within a second, nor two messages to one of those people within a
    second, whichever replica sent them."""
    one, two = replicas
    limiters = [RateLimiter(10, shared=one.budget), RateLimiter(10, shared=two.budget)]
    telegram = Telegram(seed=7)
    done = asyncio.Event()

    async def broadcaster(limiter: RateLimiter, chats: range) -> None:
        for chat in chats:
            async with limiter.sending(chat), limiter.in_flight:
                await telegram.send(chat)

    async def person(chat: int) -> None:
        turn = 0
        while not done.is_set():  # each reply from the other replica, every 1.5 s
            await asyncio.sleep(1.5)
            async with limiters[turn % 2].sending(chat, reply=True):
                await telegram.send(chat, broadcast=False)
            turn += 1

    async def broadcast() -> None:
        await asyncio.gather(
            broadcaster(limiters[0], range(0, 20)), broadcaster(limiters[1], range(20, 40))
        )
        done.set()

    await asyncio.gather(broadcast(), person(5), person(25))
    assert telegram.worst_second() <= 10
    assert telegram.closest() >= 1.0


async def test_two_taps_on_two_replicas_run_one_after_the_other(replicas):
    one, two = replicas
    key = StorageKey(bot_id=BOT_ID, chat_id=5, user_id=5)
    order: list[str] = []

    async def tap(shared: SharedState, name: str) -> None:
        async with shared.isolation.lock(key):
            order.append(f"{name} in")
            await asyncio.sleep(0.2)
            order.append(f"{name} out")

    await asyncio.gather(tap(one, "a"), tap(two, "b"))
    assert order in (["a in", "a out", "b in", "b out"], ["b in", "b out", "a in", "a out"])


async def test_a_dialog_begun_on_one_replica_is_seen_by_the_other(replicas):
    one, two = replicas
    key = StorageKey(bot_id=BOT_ID, chat_id=5, user_id=5)
    await one.storage.set_state(key, "ReportFlow:comment")
    await one.storage.set_data(key, {"item": "4.1"})
    assert await two.storage.get_state(key) == "ReportFlow:comment"
    assert await two.storage.get_data(key) == {"item": "4.1"}
    ttl = await one.client.ttl("fsm:42:5:5:default:state")
    assert 29 * 86400 < ttl <= 30 * 86400  # an abandoned dialog goes, as in the database


@pytest.mark.slow
async def test_while_redis_is_down_replies_go_and_broadcasts_wait_for_it():
    """Replies go on, paced by each replica alone; broadcasts wait, since every replica
    sending SEND_RATE alone would go over Telegram's limit together."""
    with redis_server() as server:
        shared = await connect_redis(server.url, BOT_ID, 10)
        limiter = RateLimiter(10, shared=shared.budget)
        try:
            await send_through(limiter, 1, reply=True)
            server.stop()
            began = time.monotonic()
            await send_through(limiter, 2, reply=True)  # Redis is gone: the reply goes all the same
            assert time.monotonic() - began < 1
            broadcast = asyncio.create_task(send_through(limiter, 3))
            await asyncio.sleep(1.5)
            assert not broadcast.done()
            server.start()  # empty, without the script: loaded again by the first call
            await asyncio.wait_for(broadcast, 3)
            await send_through(limiter, 4, reply=True)
            assert await shared.client.zcard(f"roadmap:{{{BOT_ID}}}:send:sent") == 2
        finally:
            await shared.close()


async def test_a_hung_redis_holds_a_reply_up_for_a_moment_only():
    with redis_server() as server:
        shared = await connect_redis(server.url, BOT_ID, 10)
        limiter = RateLimiter(10, shared=shared.budget)
        try:
            await send_through(limiter, 1, reply=True)
            assert server.process is not None
            server.process.send_signal(signal.SIGSTOP)  # a frozen host: nothing answers
            try:
                began = time.monotonic()
                await send_through(limiter, 2, reply=True)
                await send_through(limiter, 3, reply=True)  # and the next one does not try it again
                assert time.monotonic() - began < 1
            finally:
                server.process.send_signal(signal.SIGCONT)
        finally:
            await shared.close()


async def test_work_done_under_a_lock_stays_done_when_redis_goes_meanwhile():
    """Taking the lock needs Redis; letting it go does not (it expires by itself): an update
    whose work is done is not reported as failed because Redis went away at its end."""
    with redis_server() as server:
        shared = await connect_redis(server.url, BOT_ID, 10)
        key = StorageKey(bot_id=BOT_ID, chat_id=5, user_id=5)
        try:
            async with shared.isolation.lock(key):
                server.stop()
            with pytest.raises(RedisError):  # the next update cannot take it: "try again"
                async with shared.isolation.lock(key):
                    pass
        finally:
            await shared.close()


async def test_a_stalled_event_loop_does_not_make_redis_look_unreachable(
    replicas, caplog, monkeypatch
):
    """A replica whose event loop stalls (a GC pause, a long CPU-bound step) while Redis
    answers finds its call timed out when it resumes, though the answer is there: asked
    again, Redis answers at once. Taken for unreachable, the replica would pace its replies
    alone for a while and, with the other replica's sends, go over the rate (seen in
    bench/reminders.py on two replicas). Asked again, a slot the lost answer had taken is
    not taken twice, nor held against the send itself."""
    one, _ = replicas
    budget = one.budget
    await send_through(RateLimiter(25, shared=budget), 6)  # connected, the scripts loaded
    read = Connection.read_response
    stalls: list[float] = []

    async def stalled_while_reading(self: Connection, *args: Any, **kwargs: Any) -> Any:
        if stalls:  # once the read waits: the loop stalls past BUDGET_TIMEOUT, Redis answers
            asyncio.get_running_loop().call_soon(time.sleep, stalls.pop())
        return await read(self, *args, **kwargs)

    monkeypatch.setattr(Connection, "read_response", stalled_while_reading)
    stalls.append(0.35)
    ticket = budget.ticket()  # a broadcast's: the chat's second its first try began holds
    assert await budget.take(7, ticket, reply=False) == 0.0  # no second try back
    await budget.done(7, ticket)
    others = RateLimiter(25, shared=budget)
    for chat in range(10, 17):  # 9 of the 10 a second taken
        await send_through(others, chat)
    stalls.append(0.35)
    ticket = budget.ticket()  # a reply's first try takes the last slot
    assert await budget.take(8, ticket, reply=True) == 0.0
    assert not stalls and "unreachable" not in caplog.text
    prefix = f"roadmap:{{{BOT_ID}}}:send"
    assert await one.client.zcard(f"{prefix}:sent") == 10
    assert await one.client.zcard(f"{prefix}:wait") == 0  # no broadcast held back for it


async def test_with_reply_spacing_off_replies_on_two_replicas_go_at_once(replicas):
    one, two = replicas
    first = RateLimiter(25, shared=one.budget, space_replies=False)
    second = RateLimiter(25, shared=two.budget, space_replies=False)
    loop = asyncio.get_running_loop()
    began = loop.time()
    await send_through(first, 9, reply=True)
    await send_through(second, 9, reply=True)  # another update's answer, the other replica
    assert loop.time() - began < 0.3
    back = loop.time()
    await send_through(second, 9)  # a broadcast's message waits for the chat's second
    assert loop.time() - back >= 1.0


async def test_a_message_long_on_its_way_holds_its_chat_on_every_replica(replicas):
    """A message that takes longer than the chat's second to be answered still holds the
    chat for the other replica until a second after its answer, a reply of another update
    too."""
    one, two = replicas
    first, second = RateLimiter(25, shared=one.budget), RateLimiter(25, shared=two.budget)
    loop = asyncio.get_running_loop()
    back = 0.0

    async def slow_answer() -> None:
        nonlocal back
        with answering_update(1):
            async with first.sending(7, reply=True):
                await asyncio.sleep(1.5)  # on its way past the chat's second
                back = loop.time()

    async def next_answer() -> float:
        await asyncio.sleep(1.2)
        with answering_update(2):
            async with second.sending(7, reply=True):
                return loop.time()

    _, sent = await asyncio.gather(slow_answer(), next_answer())
    assert sent - back >= 1.0
