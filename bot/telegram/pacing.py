"""Pacing sends under Telegram's limits: an overall rate and at most one a second per chat."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

PER_CHAT_INTERVAL = 1.05  # a hair over Telegram's 1 s, so clock jitter never provokes a 429
# Telegram's 429 says how long to wait, not whether the limit hit was the chat's or the bot's.
# One chat's 429 delays that chat only; 429s for this many different chats within a second
# mean the bot as a whole is over its limit, and then nobody sends until the wait is over.
GLOBAL_429_CHATS = 3
# Sends on their way at once. A stall (a busy CPU, a slow network) can make requests sent
# a moment apart arrive together, on top of the next second's sends: keeping few in flight
# keeps such a bunch within the margin between SEND_RATE (25) and Telegram's 30/s. At 25/s
# and tens of milliseconds a request, four keep the pace (measured: bench/reminders.py).
MAX_IN_FLIGHT = 4


class SharedBudget(Protocol):
    """The send budget of every replica of the bot together (Redis: bot/telegram/redis_state).

    Each process still paces its own sends; the shared budget is asked last, once per send,
    so that N replicas together stay under one SEND_RATE and one second per chat, and a
    reply waiting on any replica holds back the broadcasts of all of them."""

    def ticket(self) -> str:
        """A name for one send, the same while it waits and when it takes its slot."""
        ...

    async def take(self, chat_id: int, ticket: str, *, reply: bool) -> float:
        """Take a slot now (0.0), or say how many seconds to wait before asking again."""
        ...

    async def pause(self, seconds: float) -> None:
        """Telegram told the bot as a whole to wait: every replica waits."""
        ...


class RateLimiter:
    """Hands out send slots: evenly spaced overall, and spaced per chat. One budget for the
    whole bot: broadcasts and the outbox wait for slots; replies to people take theirs at
    once (`note`) and the waiting senders yield them.

    Even spacing alone is not enough: if the process stalls (a busy CPU, a GC pause),
    senders that slept through their slots wake together. A sliding one-second window
    on the sends actually made caps such a burst at the configured rate.

    With a `shared` budget (several replicas), each send also takes its slot there, after
    this process's own checks: the one budget is the bot's, whichever replica sends.
    """

    def __init__(
        self,
        per_second: float,
        per_chat_interval: float = PER_CHAT_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
        shared: SharedBudget | None = None,
    ) -> None:
        self.interval = 1.0 / per_second
        self.window_limit = max(1, int(per_second))
        self.per_chat_interval = per_chat_interval
        self.clock = clock
        self._next = 0.0
        self._chat_next: dict[int, float] = {}
        self._sent: deque[float] = deque()
        self._retry_afters: deque[tuple[float, int]] = deque()
        self._replies_waiting = 0  # replies waiting for the window: broadcasts let them first
        self._paused_until = 0.0  # a global 429: replies wait too
        # requests on their way at once, whoever sends them (the outbox, a broadcast);
        # waiting for a chat's slot does not count
        self.in_flight = asyncio.Semaphore(MAX_IN_FLIGHT)
        self.shared = shared
        self._telling: set[asyncio.Task[None]] = set()  # pauses on their way to the others

    def reserve(self, chat_id: int) -> float:
        """Book the next free slot for this chat; returns how long to wait for it."""
        now = self.clock()
        slot = max(now, self._next, self._chat_next.get(chat_id, 0.0))
        self._next = slot + self.interval
        if len(self._chat_next) > 100_000:  # forget chats whose spacing has long passed
            self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
        self._chat_next[chat_id] = slot + self.per_chat_interval
        return slot - now

    async def reply_slot(self, chat_id: int) -> None:
        """A slot for a reply to someone: at once, unless the bot has sent its whole second's
        budget, and then before any broadcast or outbox send. It counts like any send, so
        broadcasts yield it: their next slot moves back by one and the chat's spacing holds."""
        ticket = self.shared.ticket() if self.shared else ""
        while True:
            now = self._prune()
            if now < self._paused_until:  # Telegram told the whole bot to wait
                await asyncio.sleep(self._paused_until - now)
                continue
            if len(self._sent) >= self.window_limit:
                wait = self._sent[0] + 1.0 - now
            elif self.shared is None:
                break
            else:
                wait = await self.shared.take(chat_id, ticket, reply=True)
                if wait <= 0:
                    now = self.clock()
                    break
            self._replies_waiting += 1
            try:
                await asyncio.sleep(wait)
            finally:
                self._replies_waiting -= 1
        self._sent.append(now)
        self._next = max(self._next, now) + self.interval
        self._chat_next[chat_id] = max(
            self._chat_next.get(chat_id, 0.0), now + self.per_chat_interval
        )

    def _prune(self) -> float:
        """Forget sends older than the one-second window; returns now."""
        now = self.clock()
        while self._sent and now - self._sent[0] >= 1.0:
            self._sent.popleft()
        return now

    def pause(self, seconds: float) -> None:
        """Telegram said "retry after" to the bot as a whole: nobody sends until then (with
        a shared budget, on no replica)."""
        self._next = max(self._next, self.clock() + seconds)
        self._paused_until = max(self._paused_until, self.clock() + seconds)
        if self.shared is not None:
            self._tell(self.shared.pause(seconds))

    def _tell(self, coroutine: Coroutine[Any, Any, None]) -> None:
        """Pass a pause on to the other replicas without holding up the caller."""
        task = asyncio.get_running_loop().create_task(coroutine)
        self._telling.add(task)
        task.add_done_callback(self._telling.discard)

    def pause_chat(self, chat_id: int, seconds: float) -> None:
        """Nothing goes to this chat for a while; the others are not held up."""
        until = self.clock() + seconds
        self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0.0), until)

    def retry_after(self, chat_id: int, seconds: float) -> None:
        """Telegram answered 429 for a message to this chat: delay the chat, or everyone if
        several chats were refused at once."""
        now = self.clock()
        self.pause_chat(chat_id, seconds)
        self._retry_afters.append((now, chat_id))
        while self._retry_afters and now - self._retry_afters[0][0] > 1.0:
            self._retry_afters.popleft()
        if len({chat for _, chat in self._retry_afters}) >= GLOBAL_429_CHATS:
            self.pause(seconds)

    def chat_free_in(self, chat_id: int) -> float:
        """Seconds until this chat may be sent to again (0 if now)."""
        return max(0.0, self._chat_next.get(chat_id, 0.0) - self.clock())

    async def wait(self, chat_id: int) -> None:
        delay = self.reserve(chat_id)
        if delay > 0:
            await asyncio.sleep(delay)
        ticket = self.shared.ticket() if self.shared else ""
        while True:
            now = self._prune()
            if len(self._sent) < self.window_limit and not self._replies_waiting:
                if self.shared is None:
                    self._sent.append(now)
                    return
                wait = await self.shared.take(chat_id, ticket, reply=False)
                if wait <= 0:
                    self._sent.append(self.clock())
                    return
                await asyncio.sleep(wait)
                continue
            await asyncio.sleep(self._sent[0] + 1.0 - now if self._sent else self.interval)


async def run_in_flight(
    items: Sequence[T],
    work: Callable[[T], Awaitable[object]],
    limit: int = MAX_IN_FLIGHT,
    stop: Callable[[], bool] = lambda: False,
) -> None:
    """`work` on every item in order, at most `limit` at a time; none started after stop()."""
    pending = iter(items)

    async def worker() -> None:
        for item in pending:  # one shared iterator: each item goes to exactly one worker
            if stop():
                return
            await work(item)

    await asyncio.gather(*(worker() for _ in range(min(limit, len(items)))))
