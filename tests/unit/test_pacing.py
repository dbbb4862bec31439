"""The send pacer: even spacing overall, one a second per chat, bursts capped after stalls."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.telegram.pacing import RateLimiter


class ManualClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_slots_are_spaced_overall_and_per_chat():
    limiter = RateLimiter(25, per_chat_interval=1.05, clock=ManualClock())
    waits = [limiter.reserve(chat) for chat in range(5)]
    assert waits == pytest.approx([0.0, 0.04, 0.08, 0.12, 0.16])
    assert limiter.reserve(0) == pytest.approx(1.05)  # the same chat waits its second


def test_retry_after_pauses_everyone():
    limiter = RateLimiter(25, clock=ManualClock())
    limiter.pause(3)
    assert limiter.reserve(7) == pytest.approx(3.0)


async def test_a_burst_after_a_stall_stays_within_the_window():
    limiter = RateLimiter(25)
    loop = asyncio.get_running_loop()
    sent: list[float] = []

    async def send(chat: int) -> None:
        await limiter.wait(chat)
        sent.append(loop.time())

    tasks = [asyncio.create_task(send(n)) for n in range(40)]
    await asyncio.sleep(0)  # every sender has booked its slot and sleeps
    time.sleep(1.2)  # noqa: ASYNC251 - the stall under test: the loop is blocked
    await asyncio.gather(*tasks)
    sent.sort()
    worst = max(sum(1 for t in sent if start <= t < start + 1.0) for start in sent)
    assert worst <= 25


async def test_a_reply_takes_its_slot_at_once_and_the_broadcast_yields_it():
    clock = ManualClock()
    limiter = RateLimiter(25, per_chat_interval=1.05, clock=clock)
    assert limiter.reserve(1) == 0.0  # a broadcast's slot now; the next one in 0.04 s
    await limiter.reply_slot(2)  # a reply: sent at once, its slot taken from the broadcast
    assert limiter.reserve(3) == pytest.approx(0.08)
    assert limiter.chat_free_in(2) == pytest.approx(1.05)  # the chat's spacing holds too


async def test_replies_and_a_broadcast_share_one_budget_replies_first():
    """While a broadcast runs at the full rate, replies keep going out at once, and the two
    together never go over the budget in any one second."""
    limiter = RateLimiter(25)
    loop = asyncio.get_running_loop()
    broadcast: list[float] = []
    replies: list[float] = []
    waits: list[float] = []

    async def broadcaster() -> None:
        for chat in range(1000, 1045):
            await limiter.wait(chat)
            broadcast.append(loop.time())

    async def people() -> None:
        for chat in range(20):
            await asyncio.sleep(0.05)
            asked = loop.time()
            await limiter.reply_slot(chat)
            replies.append(loop.time())
            waits.append(replies[-1] - asked)

    started = loop.time()
    await asyncio.gather(broadcaster(), people())
    sends = sorted(broadcast + replies)
    window = max(sum(1 for t in sends if s <= t < s + 1.0) for s in sends)
    assert window <= 25
    assert max(waits) < 0.2  # a reply waits at most for the next send to leave the window
    # the replies took 20 slots: the broadcast's 45 needed about (45 + 20) / 25 s
    assert broadcast[-1] - started >= (45 + 20) / 25 - 1.05


async def test_a_reply_waits_out_a_pause_of_the_whole_bot():
    limiter = RateLimiter(25)
    limiter.pause(0.3)  # Telegram's 429 to the bot as a whole
    loop = asyncio.get_running_loop()
    asked = loop.time()
    await limiter.reply_slot(1)
    assert loop.time() - asked >= 0.29
