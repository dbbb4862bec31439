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
