"""What several replicas of the bot share through Redis (REDIS_URL): dialogs, event
isolation and the one send budget.

Without REDIS_URL each process keeps dialogs in the database and locks in memory, as one
process needs. With it:

- dialogs live in aiogram's RedisStorage, with the key builder of DatabaseStorage (bot id
  and destiny), so any replica continues a dialog another one began;
- RedisEventIsolation locks a user's chat on every replica, so two quick taps posted to
  two replicas still run one after the other (and the second finds the draft gone);
- RedisBudget is the bot's send budget across replicas (pacing.SharedBudget).

The URL's password never reaches a log or an error: they show `redact_url(url)`.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import time
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from aiogram.fsm.storage.base import DefaultKeyBuilder, StorageKey
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.commands.core import AsyncScript
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeout

from bot.logging_setup import redact_url, scrub
from bot.telegram.housekeeping import DIALOGS_KEPT
from bot.telegram.isolation import renewing
from bot.telegram.pacing import PER_CHAT_INTERVAL

log = logging.getLogger(__name__)

# A dialog left untouched this long is dropped, as the database's tidy() drops it: a report
# begun and not finished in a month is not coming back, and Redis holds what it is given.
DIALOG_TTL = DIALOGS_KEPT
# A lock is renewed while its update is handled; a replica killed mid-update leaves its
# lock behind, to expire after this: the user's next tap waits at most that long.
LOCK_TIMEOUT = 10
# How long a command waits for Redis (dialogs, locks).
TIMEOUT = 3.0
# How long a send waits for the budget, on a connection of its own, asked again once after
# a timeout (RedisBudget._call): a reply must not wait out a hung Redis, at most twice this
# (one call takes ~0.2 ms).
BUDGET_TIMEOUT = 0.3
# After a failed call to the send budget, this process asks Redis again only after this
# long, so a reply is not held up by every attempt to reach it.
BUDGET_RETRY_AFTER = 1.0
# The budget's window: SEND_RATE sends in any WINDOW seconds. A hair over a second, as the
# per-chat spacing: the replicas' round trips to Redis differ by a few milliseconds, and so
# do the moments their sends reach Telegram (measured: 1-5 ms over with a window of 1.0).
WINDOW = 1.05
# A message on its way holds its chat for every replica until its answer is back, or for
# this long past the chat's second if its replica died meanwhile.
IN_FLIGHT_MS = 10_000


class RedisUnavailable(Exception):
    """Redis cannot be reached at start; the message names it, without the password."""


@dataclass(slots=True)
class SharedState:
    """What the replicas share; the application closes it (the client) when it stops."""

    storage: RedisStorage
    isolation: SharedIsolation
    budget: RedisBudget
    client: Redis
    url: str  # redacted

    async def close(self) -> None:
        await self.budget.client.aclose(close_connection_pool=True)
        await self.client.aclose(close_connection_pool=True)


class _SharedStorage(RedisStorage):
    """RedisStorage whose client outlives the dispatcher's shutdown: the send budget still
    uses it while the outbox finishes, and the application closes it last."""

    async def close(self) -> None:
        """The client belongs to the application, which closes it."""


class SharedIsolation(RedisEventIsolation):
    """aiogram's Redis lock on a user's chat, on every replica. Taking it needs Redis (no
    Redis: the update fails and the user is asked to try again); letting it go does not: if
    Redis went away meanwhile, the update's work is done and stays done, and the lock
    expires by itself after LOCK_TIMEOUT."""

    @asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncGenerator[None, None]:
        held = self.redis.lock(self.key_builder.build(key, "lock"), **self.lock_kwargs)
        await held.acquire()  # waits while another replica holds it (LOCK_TIMEOUT at most)
        try:
            async with renewing(held.reacquire, LOCK_TIMEOUT / 3, "a chat's lock"):
                yield
        finally:
            try:
                await held.release()
            except (RedisError, OSError) as exc:  # gone, or expired: not ours any more
                log.warning("a lock was not released (%s): it expires", type(exc).__name__)


async def connect_redis(url: str, bot_id: int, send_rate: float) -> SharedState:
    """Connect and PING, or raise RedisUnavailable naming the (redacted) URL."""
    shown = redact_url(url)
    try:
        client = Redis.from_url(
            url,
            socket_timeout=TIMEOUT,
            socket_connect_timeout=TIMEOUT,
            retry=Retry(ExponentialBackoff(cap=0.5, base=0.1), retries=2),
        )
    except ValueError as exc:  # a malformed URL: say what, never the URL itself
        detail = scrub(str(exc), url)
        raise RedisUnavailable(f"REDIS_URL {shown} is not a Redis URL: {detail}") from None
    try:
        await client.ping()  # type: ignore[misc]  # typed for both the sync and async clients
    except (RedisError, OSError) as exc:
        await client.aclose(close_connection_pool=True)
        detail = scrub(f"{type(exc).__name__}: {exc}", url)
        raise RedisUnavailable(
            f"Redis at {shown} is unreachable ({detail}): start it, or fix REDIS_URL"
        ) from None
    keys = DefaultKeyBuilder(with_bot_id=True, with_destiny=True)
    storage = _SharedStorage(client, keys, state_ttl=DIALOG_TTL, data_ttl=DIALOG_TTL)
    isolation = SharedIsolation(client, keys, lock_kwargs={"timeout": LOCK_TIMEOUT})
    budget_client = Redis.from_url(
        url, socket_timeout=BUDGET_TIMEOUT, socket_connect_timeout=BUDGET_TIMEOUT, retry=None
    )
    budget = RedisBudget(budget_client, bot_id, send_rate)
    log.info("Redis at %s: dialogs, locks and the send budget are shared", shown)
    return SharedState(storage, isolation, budget, client, shown)


# One call per send, atomic on the server, with the server's clock (the replicas' clocks
# may differ). KEYS: the sends of the last second (a sorted set by time), the replies
# waiting on any replica (a sorted set by expiry: a replica that dies leaves none behind),
# the bot-wide pause, the chat's spacing (its value: the burst of the chat's last message).
# ARGV: reply, edit or send, the limit, the chat's spacing in ms, the send's ticket, the
# window in ms, the send's burst ('*': replies are not held for their chat's second), how
# long a message on its way holds its chat at most, in ms.
# Returns 0 (the slot is taken, or was by an earlier call with this ticket whose answer was
# lost) or ms to wait: negative for a reply held by its chat's second alone. A new message
# waits for the chat's second unless it is a reply of the same burst as the chat's last
# message (one update's answer passes together); an edit ('edit': a reply that is no new
# message) neither waits nor starts it.
_TAKE = """
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local reply = ARGV[1] ~= 'send'
local limit = tonumber(ARGV[2])
local window = tonumber(ARGV[5])
local paused = redis.call('PTTL', KEYS[3])
if paused > 0 then return paused end
if ARGV[1] ~= 'edit' then
  local last = redis.call('GET', KEYS[4])
  if last and (not reply or (ARGV[6] ~= '*' and last ~= ARGV[6])) then
    local chat = redis.call('PTTL', KEYS[4])
    if chat > 0 then
      if reply then
        redis.call('ZREM', KEYS[2], ARGV[4])  -- held by its chat, it holds no broadcast back
        return -chat
      end
      return chat
    end
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local sent = redis.call('ZCARD', KEYS[1])
local free_in = 0
if sent >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  free_in = math.max(1, tonumber(oldest[2]) + window - now)
end
if reply then
  if free_in > 0 then
    redis.call('ZADD', KEYS[2], now + free_in + 1000, ARGV[4])
    redis.call('PEXPIRE', KEYS[2], 3000)
    return free_in
  end
  redis.call('ZREM', KEYS[2], ARGV[4])
else
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
  if redis.call('ZCARD', KEYS[2]) > 0 then return free_in + 20 end
  if free_in > 0 then return free_in end
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window + 1000)
if ARGV[1] ~= 'edit' then  -- the chat is held while the message is on its way, at most ARGV[7]
  redis.call('SET', KEYS[4], ARGV[6], 'PX', tonumber(ARGV[3]) + tonumber(ARGV[7]))
end
return 0
"""

# The send is back from Telegram: it counts from now, in the window and for its chat, since
# Telegram counted it on arrival, anywhere between its slot and now (a stalled replica's
# request may arrive long after its slot). KEYS: the sends, the chat's spacing. ARGV: the
# ticket, the chat's spacing in ms (0: an edit, which leaves it), the window in ms, the
# send's burst.
_DONE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) + 1000)
local spacing = tonumber(ARGV[2])
if spacing > 0 then  -- held from now on for the chat's second, no longer while on its way
  redis.call('SET', KEYS[2], ARGV[4], 'PX', spacing)
end
return 0
"""

# KEYS: the bot-wide pause. ARGV: its length in ms; a longer pause already set stays.
_PAUSE = """
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 0
"""


class RedisBudget:
    """SEND_RATE a second and one message a second per chat for all replicas together;
    replies before broadcasts and the outbox on every replica (pacing.SharedBudget).

    While Redis cannot be reached, replies go on, paced by each replica alone, and
    broadcasts and the outbox wait: N replicas each sending SEND_RATE alone would together
    go over Telegram's limit. It says so once, and asks Redis again every
    BUDGET_RETRY_AFTER seconds.
    """

    def __init__(
        self,
        client: Redis,
        bot_id: int,
        per_second: float,
        per_chat_interval: float = PER_CHAT_INTERVAL,
    ) -> None:
        self.limit = max(1, int(per_second))
        self.spacing_ms = int(per_chat_interval * 1000)
        self.window_ms = int(WINDOW * 1000)
        prefix = f"roadmap:{{{bot_id}}}:send"  # one hash slot, should Redis be a cluster
        self._sent, self._replies, self._pause = (
            f"{prefix}:{k}" for k in ("sent", "wait", "pause")
        )
        self._chat = f"{prefix}:chat:"
        self.client = client
        self._take = client.register_script(_TAKE)  # EVALSHA; loaded again after a restart
        self._done = client.register_script(_DONE)
        self._set_pause = client.register_script(_PAUSE)
        self._tickets = itertools.count()
        self._me = f"{os.getpid()}-{os.urandom(3).hex()}"
        self._down_until = 0.0

    def ticket(self) -> str:
        return f"{self._me}:{next(self._tickets)}"

    async def take(
        self, chat_id: int, ticket: str, *, reply: bool, spaced: bool = True, burst: str = ""
    ) -> float:
        unknown = 0.0 if reply else BUDGET_RETRY_AFTER  # no budget known: only replies go
        if time.monotonic() < self._down_until:
            return unknown
        keys = [self._sent, self._replies, self._pause, f"{self._chat}{chat_id}"]
        kind = "send" if not reply else "reply" if spaced else "edit"
        args: list[str | int] = [
            kind,
            self.limit,
            self.spacing_ms,
            ticket,
            self.window_ms,
            burst,
            IN_FLIGHT_MS,
        ]
        try:
            wait_ms = await self._call(self._take, keys, args)
        except (RedisError, OSError) as exc:
            self._lost(exc)
            return unknown
        self._back()
        return int(wait_ms) / 1000

    async def done(
        self, chat_id: int, ticket: str, *, spaced: bool = True, burst: str = ""
    ) -> None:
        if time.monotonic() < self._down_until:
            return  # the slot was not taken here either: nothing to move
        keys = [self._sent, f"{self._chat}{chat_id}"]
        spacing = self.spacing_ms if spaced else 0
        try:
            await self._call(self._done, keys, [ticket, spacing, self.window_ms, burst])
        except (RedisError, OSError) as exc:
            self._lost(exc)

    async def pause(self, seconds: float) -> None:
        try:
            await self._call(self._set_pause, [self._pause], [max(1, int(seconds * 1000))])
        except (RedisError, OSError) as exc:
            self._lost(exc)

    @staticmethod
    async def _call(script: AsyncScript, keys: list[str], args: list[str | int]) -> Any:
        """One call to the budget. One that timed out is made again, at once: when the event
        loop stalls past BUDGET_TIMEOUT (a GC pause, a CPU-bound step) while Redis answers,
        the call times out as the loop resumes though the answer is there, and the next one
        is back at once (measured: bench/reminders.py on two replicas took Redis for
        unreachable). Made twice, a call counts once: a slot is taken by its send's ticket,
        a send is marked done by it, a pause set again ends a moment later. The second try
        (a new connection) has BUDGET_TIMEOUT in all."""
        try:
            return await script(keys, args)
        except (RedisTimeout, TimeoutError):
            async with asyncio.timeout(BUDGET_TIMEOUT):
                return await script(keys, args)

    def _lost(self, exc: Exception) -> None:
        if not self._down_until:
            log.warning(
                "Redis unreachable (%s): replies paced here alone, broadcasts wait for it",
                type(exc).__name__,
            )
        self._down_until = time.monotonic() + BUDGET_RETRY_AFTER

    def _back(self) -> None:
        if self._down_until:
            log.info("Redis is back: the send budget is shared again")
            self._down_until = 0.0
