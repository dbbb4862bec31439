"""Pacing sends under Telegram's limits: an overall rate and at most one a second per chat."""

from __future__ import annotations

import asyncio
import itertools
import math
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
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

# The update being answered, set for each by the Telegram layer. The messages that answer
# one update go together: Telegram lets a chat's short burst through, and a person should
# not wait a second per message of one answer. The answer to a later update waits out the
# chat's second after them, as a broadcast's message does: a person who writes again at
# once (or whose previous answer was slow) would otherwise get two messages within a second.
answering: ContextVar[int | None] = ContextVar("answering", default=None)
ANY_BURST = "*"  # a reply's burst when replies are not held for their chat's second


@contextmanager
def answering_update(update_id: int) -> Iterator[None]:
    """The messages sent within answer this update (`answering`)."""
    token = answering.set(update_id)
    try:
        yield
    finally:
        answering.reset(token)


class SharedBudget(Protocol):
    """The send budget of every replica of the bot together (Redis: bot/telegram/redis_state).

    Each process still paces its own sends; the shared budget is asked last, once per send,
    so that N replicas together stay under one SEND_RATE and one second per chat, and a
    reply waiting on any replica holds back the broadcasts of all of them."""

    def ticket(self) -> str:
        """A name for one send, the same while it waits and when it takes its slot."""
        ...

    async def take(
        self, chat_id: int, ticket: str, *, reply: bool, spaced: bool = True, burst: str = ""
    ) -> float:
        """Take a slot now (0.0), or say how many seconds to wait before asking again:
        negative (-seconds) for a reply held by its chat's second, which holds no broadcast
        back. `spaced`: a new message, which the chat's next message waits a second after
        (an edit is not), unless both are a reply's of one `burst` (not empty)."""
        ...

    async def done(
        self, chat_id: int, ticket: str, *, spaced: bool = True, burst: str = ""
    ) -> None:
        """The send with this ticket is back from Telegram: from now on it counts as made
        now, for the budget's window and (`spaced`) for the chat's second."""
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

    Nor is a window on the moments slots are taken: Telegram counts a message when its
    request arrives, a few milliseconds later, or a few hundred after a stall, and requests
    a second apart at the slot arrive less than a second apart (measured with
    bench/reminders.py: 26 to 30 messages within one second at SEND_RATE 25). So a send
    made through `sending` counts from its slot until its answer is back, and from then on
    as if made at that moment; its chat gets the next message a second after that answer.
    The request reached Telegram in between, so no jitter, however large, lets two sends
    that the window keeps a second apart arrive closer than that.

    With a `shared` budget (several replicas), each send also takes its slot there, after
    this process's own checks: the one budget is the bot's, whichever replica sends.
    """

    def __init__(
        self,
        per_second: float,
        per_chat_interval: float = PER_CHAT_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
        shared: SharedBudget | None = None,
        space_replies: bool = True,
    ) -> None:
        self.interval = 1.0 / per_second
        # False (REPLY_SPACING=false): every reply goes at once, whatever its chat's second
        self.space_replies = space_replies
        self.window_limit = max(1, int(per_second))
        self.per_chat_interval = per_chat_interval
        self.clock = clock
        self._next = 0.0
        self._chat_next: dict[int, float] = {}  # slots booked (reserve) and 429s per chat
        # sends through `sending`, per chat: inf while one is on its way, then when its
        # answer came back plus the chat's interval; replies wait for it as well
        self._chat_after: dict[int, float] = {}
        # the burst the chat's latest new message was part of: the answer to one update
        # ("u<id>"), a reply sent outside one (unique), a broadcast's ("")
        self._chat_burst: dict[int, str] = {}
        self._sent: deque[float] = deque()  # sends made, by when (sorted)
        self._flying: dict[int, float] = {}  # sends on their way, by slot: all count
        self._ids = itertools.count()
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

    async def _reply_slot(self, chat_id: int, ticket: str, *, spaced: bool, burst: str) -> float:
        """A reply's slot: at once, unless the bot has sent its whole second's budget, and
        then before any broadcast or outbox send; it counts like any send, so broadcasts
        yield it. A new message waits for the chat's second, as every message does, unless
        the chat's previous message answered the same update (`answering`). Returns the
        moment it was taken."""
        while True:
            now = self._prune()
            if now < self._paused_until:  # Telegram told the whole bot to wait
                await asyncio.sleep(self._paused_until - now)
                continue
            if spaced and burst != ANY_BURST and self._chat_burst.get(chat_id) != burst:
                chat_wait = self._chat_wait(chat_id, now)
                if chat_wait > 0:  # holds no broadcast back: it waits for its chat alone
                    await asyncio.sleep(chat_wait)
                    continue
            if self._used() >= self.window_limit:
                wait = self._window_free_in(now)
            elif self.shared is None:
                break
            else:
                wait = await self.shared.take(
                    chat_id, ticket, reply=True, spaced=spaced, burst=burst
                )
                if wait < 0:  # the chat's second, on another replica
                    await asyncio.sleep(-wait)
                    continue
                if wait == 0:
                    now = self.clock()
                    break
            self._replies_waiting += 1
            try:
                await asyncio.sleep(wait)
            finally:
                self._replies_waiting -= 1
        self._next = max(self._next, now) + self.interval
        if spaced:
            self._chat_next[chat_id] = max(
                self._chat_next.get(chat_id, 0.0), now + self.per_chat_interval
            )
        return now

    @asynccontextmanager
    async def sending(
        self, chat_id: int, *, reply: bool = False, spaced: bool = True
    ) -> AsyncIterator[None]:
        """A slot for one request to this chat (a reply's, or a paced sender's: a
        broadcast's, the outbox's), held while the request is on its way: the send counts
        as made when its answer is back (or it failed), the earliest moment Telegram is
        sure to have counted it.

        Not `spaced` (a reply's edit or chat action, not a new message: Telegram does not
        hold those a second apart per chat), it counts in the window only, and does not
        hold the chat's next broadcast message back."""
        ticket = self.shared.ticket() if self.shared else ""
        burst = self._burst(ticket) if reply else ""
        if reply:
            at = await self._reply_slot(chat_id, ticket, spaced=spaced, burst=burst)
        else:
            at = await self._slot(chat_id, ticket)
        key = next(self._ids)
        self._flying[key] = at
        if spaced:
            self._chat_after[chat_id] = math.inf
            self._chat_burst[chat_id] = burst
        try:
            yield
        finally:
            del self._flying[key]
            now = self._prune()
            self._sent.append(now)  # the latest yet: the deque stays sorted
            if spaced:
                if len(self._chat_after) > 100_000:  # forget chats whose spacing has passed
                    self._chat_after = {c: t for c, t in self._chat_after.items() if t > now}
                    self._chat_burst = {
                        c: b for c, b in self._chat_burst.items() if c in self._chat_after
                    }
                self._chat_after[chat_id] = now + self.per_chat_interval
                self._chat_burst[chat_id] = burst
            if self.shared is not None:
                await self.shared.done(chat_id, ticket, spaced=spaced, burst=burst)

    def _burst(self, ticket: str) -> str:
        """A reply's burst: the answer to the update being handled, or else itself alone
        (its ticket, unique across replicas, when there is a shared budget)."""
        if not self.space_replies:
            return ANY_BURST
        update = answering.get()
        if update is not None:
            return f"u{update}"
        return f"r{ticket}" if ticket else f"r{next(self._ids)}"

    def _used(self) -> int:
        """Sends in the window: made within the last second, or on their way."""
        return len(self._sent) + len(self._flying)

    def _window_free_in(self, now: float) -> float:
        """How long until the window has room again (it is full now)."""
        if self._sent:
            return max(0.0, self._sent[0] + 1.0 - now)
        return self.interval  # all on their way: look again when one may be back

    def _chat_wait(self, chat_id: int, now: float) -> float:
        """How long until this chat may get a message, going by the sends made to it."""
        after = self._chat_after.get(chat_id, 0.0)
        if after == math.inf:
            return self.interval  # one is on its way: look again shortly
        return max(0.0, after - now)

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
        now = self.clock()
        after = self._chat_after.get(chat_id, 0.0)
        if after == math.inf:  # on its way: a second after it is back, at the earliest
            after = now + self.per_chat_interval
        return max(0.0, self._chat_next.get(chat_id, 0.0) - now, after - now)

    async def _slot(self, chat_id: int, ticket: str) -> float:
        """A paced sender's slot (a broadcast's, the outbox's): evenly spaced, after any
        reply waiting. Returns the moment it was taken (`sending` counts it)."""
        delay = self.reserve(chat_id)
        if delay > 0:
            await asyncio.sleep(delay)
        while True:
            now = self._prune()
            chat_wait = self._chat_wait(chat_id, now)
            if chat_wait > 0:  # a reply went to the chat meanwhile, or is on its way
                await asyncio.sleep(chat_wait)
                continue
            if self._used() < self.window_limit and not self._replies_waiting:
                if self.shared is None:
                    return now
                wait = await self.shared.take(chat_id, ticket, reply=False)
                if wait <= 0:
                    return self.clock()
                await asyncio.sleep(wait)
                continue
            await asyncio.sleep(self._window_free_in(now))


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
