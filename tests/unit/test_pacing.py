"""The send pacer: even spacing overall, one a second per chat, bursts capped after stalls."""

from __future__ import annotations

import asyncio
import itertools
import random
import time

import pytest

from bot.telegram.pacing import RateLimiter, answering_update


async def send_through(limiter: RateLimiter, chat: int, *, reply: bool = False) -> None:
    """A message through the limiter, as the bot sends one, that Telegram answers at once."""
    async with limiter.sending(chat, reply=reply):
        pass


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
        await send_through(limiter, chat)
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
    await send_through(limiter, 2, reply=True)  # at once, its slot taken from the broadcast
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
            await send_through(limiter, chat)
            broadcast.append(loop.time())

    async def people() -> None:
        for chat in range(20):
            await asyncio.sleep(0.05)
            asked = loop.time()
            await send_through(limiter, chat, reply=True)
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
    await send_through(limiter, 1, reply=True)
    assert loop.time() - asked >= 0.29


class Telegram:
    """Stands for Telegram behind a jittery network: a request reaches it some tens of
    milliseconds after it leaves (more now and then: a stall), and the answer comes back
    some after that. It notes when each message arrived, as Telegram counts them."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        # when it arrived, the chat, a broadcast's, when it left
        self.arrived: list[tuple[float, int, bool, float]] = []

    async def send(self, chat: int, *, broadcast: bool = True) -> None:
        loop = asyncio.get_running_loop()
        left = loop.time()
        stall = 0.25 if self.random.random() < 0.05 else 0.0
        await asyncio.sleep(self.random.uniform(0.0, 0.06) + stall)
        self.arrived.append((loop.time(), chat, broadcast, left))
        await asyncio.sleep(self.random.uniform(0.0, 0.01))

    def worst_second(self) -> int:
        times = sorted(t for t, _, _, _ in self.arrived)
        return max(sum(1 for t in times if start <= t < start + 1.0) for start in times)

    def closest(self) -> float:
        """The least time between two messages reaching the same chat."""
        arrivals: dict[int, list[float]] = {}
        for t, chat, _, _ in self.arrived:
            arrivals.setdefault(chat, []).append(t)
        return min(
            (b - a for times in arrivals.values() for a, b in itertools.pairwise(sorted(times))),
            default=float("inf"),
        )


async def test_jittery_requests_never_arrive_over_the_rate_nor_twice_a_second_per_chat():
    """The window counts a send until its answer is back, so requests delayed on their way
    by tens of milliseconds (or a stall) never reach Telegram more than the rate within a
    second; counted at the slot, 26 to 30 arrived within one (bench/reminders.py). Three
    of the people broadcast to keep writing to the bot: no two messages reach one of them
    within a second, replies, the broadcast's, or one of each in either order."""
    limiter = RateLimiter(25)
    telegram = Telegram(seed=3)

    replies = 0
    done = asyncio.Event()
    loop = asyncio.get_running_loop()
    began = took = loop.time()

    async def broadcaster(chats: range) -> None:
        for chat in chats:
            async with limiter.sending(chat), limiter.in_flight:
                await telegram.send(chat)

    async def person(chat: int) -> None:
        nonlocal replies
        while not done.is_set():  # a command every 1.5 s: the broadcast finds a gap
            await asyncio.sleep(1.5)
            async with limiter.sending(chat, reply=True):
                await telegram.send(chat, broadcast=False)
            replies += 0 if done.is_set() else 1

    async def broadcast() -> None:
        nonlocal took
        await asyncio.gather(*(broadcaster(range(n * 20, n * 20 + 20)) for n in range(4)))
        took = loop.time() - began
        done.set()

    await asyncio.gather(broadcast(), *(person(chat) for chat in (5, 25, 45)))
    assert telegram.worst_second() <= 25
    assert telegram.closest() >= 1.0
    # the window loses each send's round trip, and the stalls: the budget is still used
    assert (80 + replies) / took > 0.9 * 25, f"{80 + replies} in {took:.1f} s"


async def test_one_answer_s_messages_go_together_and_the_next_waits_for_the_chat():
    """The messages answering one update pass at once (Telegram lets a short burst through,
    and a person should not wait a second per message of one answer); the answer to the
    next update, and a broadcast's message, come a second after the last was answered."""
    limiter = RateLimiter(25)
    loop = asyncio.get_running_loop()
    began = loop.time()
    with answering_update(1):
        for _ in range(3):
            await send_through(limiter, 5, reply=True)
    assert loop.time() - began < 0.05
    back = loop.time()
    with answering_update(2):
        async with limiter.sending(5, reply=True):
            assert loop.time() - back >= 1.0
    back = loop.time()
    async with limiter.sending(5):
        assert loop.time() - back >= 1.0


async def test_a_reply_waits_for_a_broadcast_message_to_its_chat_and_holds_no_other_back():
    limiter = RateLimiter(25)
    loop = asyncio.get_running_loop()
    sent: dict[int, float] = {}

    async def send(chat: int, *, reply: bool = False) -> None:
        async with limiter.sending(chat, reply=reply):
            await asyncio.sleep(0.05)
        sent[chat] = loop.time()

    await send(5)  # the broadcast's message to someone, who writes to the bot at once
    began = loop.time()
    await asyncio.gather(send(5, reply=True), *(send(chat) for chat in range(10, 20)))
    assert sent[5] - began >= 1.0
    assert max(sent[chat] for chat in range(10, 20)) - began < 0.8  # the broadcast went on


async def test_a_broadcast_waits_for_a_reply_on_its_way_to_the_same_chat():
    limiter = RateLimiter(25)
    loop = asyncio.get_running_loop()
    async with limiter.sending(5, reply=True):
        await asyncio.sleep(0.3)
        back = loop.time()
    assert limiter.chat_free_in(5) == pytest.approx(1.05, abs=0.02)
    async with limiter.sending(5):
        assert loop.time() - back >= 1.0


async def test_an_edit_does_not_hold_the_chat_s_next_broadcast_message_back():
    """An edit (or a chat action) is no new message: it counts in the window only."""
    limiter = RateLimiter(25)
    loop = asyncio.get_running_loop()
    began = loop.time()
    async with limiter.sending(5, reply=True, spaced=False):
        pass
    async with limiter.sending(5):
        pass
    assert loop.time() - began < 0.1


async def test_a_notice_someone_s_action_sends_takes_its_slot_in_the_budget():
    """A request to the admins or a decision to the member (TelegramDelivery) goes ahead
    like a reply, but counts in the bot's one send budget all the same; a short 429 for its
    chat is waited out before it is sent again."""
    from aiogram.exceptions import TelegramRetryAfter
    from aiogram.methods import SendMessage

    from bot.domain.notices import Notice
    from bot.telegram.sending import TelegramDelivery

    loop = asyncio.get_running_loop()
    sent: list[tuple[int, float]] = []
    refuse = {4}

    class Bot:
        async def send_message(self, chat_id: int, text: str, reply_markup: object = None) -> None:
            sent.append((chat_id, loop.time()))
            if chat_id in refuse:
                refuse.discard(chat_id)
                raise TelegramRetryAfter(SendMessage(chat_id=chat_id, text=text), "Flood", 1)

    limiter = RateLimiter(2)
    delivery = TelegramDelivery(Bot(), store=None, limiter=limiter)  # type: ignore[arg-type]
    for chat in (1, 2, 3):
        assert await delivery.deliver(Notice(chat, "Заявка одобрена"))
    assert sent[1][1] - sent[0][1] < 0.2
    assert sent[2][1] - sent[0][1] >= 0.95  # the window holds 2 a second
    await asyncio.sleep(1.1)
    assert await delivery.deliver(Notice(4, "Заявка одобрена"))
    tries = [at for chat, at in sent if chat == 4]
    assert len(tries) == 2 and tries[1] - tries[0] >= 1.0  # Telegram's wait, then once more


async def test_with_reply_spacing_off_every_reply_goes_at_once():
    """REPLY_SPACING=false: answers to one update after another go at once, counting on
    Telegram letting a chat's short bursts through; a broadcast's message still keeps the
    chat's second."""
    limiter = RateLimiter(25, space_replies=False)
    loop = asyncio.get_running_loop()
    began = loop.time()
    for update in (1, 2, 3):
        with answering_update(update):
            await send_through(limiter, 5, reply=True)
    assert loop.time() - began < 0.05
    back = loop.time()
    async with limiter.sending(5):
        assert loop.time() - back >= 1.0
