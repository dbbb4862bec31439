"""Benchmark: a quarterly reminder run for many coordinators against a rate-limited emulator.

    python bench/reminders.py [--recipients 3000] [--rate 25] [--interactive 20]
    python bench/reminders.py --replicas 2 --postgres --redis [--recipients 10000]
    python bench/reminders.py --compare [--recipients 10000]

The emulator answers 429 like Telegram when a bot exceeds ~30 messages/s overall or 1/s
per chat. While the reminders go out, `--interactive` people keep writing to the bot (a
command every two seconds each), as those who react to a reminder do. Prints planning
time, delivered, duplicates, missed, 429s, the effective reminder rate against the
configured one, the most messages sent in any one second (replies included), and how
long people waited for their answers. Targets: nothing missed or duplicated, no 429s,
effective rate at least 90% of SEND_RATE less what the replies took, never above
SEND_RATE in any second, planning under 1 s, replies p99 under 1 s.

By default one replica on SQLite, which polls for updates. With --replicas N (2 or more),
N replicas of the bot share one database (PostgreSQL: --database-url, or --postgres for a
throwaway cluster) and Redis (--redis-url, or --redis for a throwaway redis-server), as
behind a load balancer in webhook mode: each person's update goes to one replica at random
(through the dispatcher, as the webhook handler feeds it), and every replica runs the
reminder run at the same time (as when the scheduler's leader and an operator's
`python -m bot remind` overlap): the claims split the recipients between them and the
shared send budget keeps them together under one SEND_RATE. The replicas run in this one
process (one event loop, one core's worth of Python for all of them). --compare runs the
one-replica SQLite mode, then two replicas on a throwaway PostgreSQL and Redis, and prints
the two side by side. The full figure is --recipients 10000 (about 7 minutes a run at 25/s);
the default 3000 takes two.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._servers import postgres, redis  # noqa: E402
from bot.composition import Application, prepare  # noqa: E402
from bot.domain.roadmap import load_roadmap  # noqa: E402
from bot.sandbox.emulator import RateLimit, TelegramEmulator  # noqa: E402
from bot.services.reminders import RunSummary  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.telegram.runner import serve  # noqa: E402

PEOPLE = 900_000  # the ids of the people writing during the run


class FixedClock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


# 10:00 in Saint Petersburg on the Q1 reminder day; Tomsk's 10:00 was 4 hours ago
REMINDER_DAY = datetime(2021, 3, 21, 7, 0, tzinfo=UTC)


@dataclass
class Figures:
    """What one run measured."""

    label: str
    rate: float
    recipients: int = 0
    planned: int = 0
    planning_seconds: float = 0.0
    delivered: int = 0
    duplicates: int = 0
    missed: int = 0
    provoked: int = 0
    elapsed: float = 0.0
    reminders: int = 0  # distinct chats reached
    replies: int = 0
    peak: int = 0
    waits: list[float] = field(default_factory=list)

    @property
    def reminder_rate(self) -> float:
        return self.reminders / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def reply_rate(self) -> float:
        return self.replies / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def share(self) -> float:
        return (self.reminder_rate + self.reply_rate) / self.rate

    def quantile(self, q: float) -> float:
        if not self.waits:
            return 0.0
        ordered = sorted(self.waits)
        return ordered[min(len(ordered) - 1, int(len(ordered) * q))]

    @property
    def ok(self) -> bool:
        return (
            self.missed == 0
            and self.duplicates == 0
            and self.provoked == 0
            and self.share >= 0.9
            and self.peak <= self.rate
            and self.quantile(0.99) < 1.0
            and self.planning_seconds < 1.0
        )


class Tally:
    """Messages per chat as the emulator sends them out: the bench's own bookkeeping in O(1)
    (emulator.sent_to sorts every message sent so far, milliseconds at 10,000 chats, and
    the bench shares the bot's event loop)."""

    def __init__(self, emulator: TelegramEmulator) -> None:
        self.per_chat: Counter[int] = Counter()
        self.reminded = 0  # chats other than the people's that got a message
        emulator.listeners.append(self._on)

    def _on(self, event: str, payload) -> None:
        if event == "message":
            chat = payload.chat_id
            if not self.per_chat[chat] and chat < PEOPLE:
                self.reminded += 1
            self.per_chat[chat] += 1


def count(figures: Figures, emulator: TelegramEmulator, planned: int, interactive: int) -> None:
    """Delivered, duplicates, missed, 429s and the peak second, from what the emulator saw."""
    people = {PEOPLE + n for n in range(interactive)}
    messages = list(emulator.messages.values())
    figures.replies = sum(1 for m in messages if m.chat_id in people)
    per_chat = Counter(m.chat_id for m in messages if m.chat_id not in people)
    figures.planned = planned
    figures.delivered = sum(per_chat.values())
    figures.reminders = len(per_chat)
    figures.duplicates = sum(n - 1 for n in per_chat.values() if n > 1)
    figures.missed = planned - len(per_chat)
    figures.provoked = emulator.rate_limit.provoked if emulator.rate_limit else 0
    figures.peak = emulator.rate_limit.peak if emulator.rate_limit else 0


def coordinators(recipients: int) -> list[tuple[int, str, str, str]]:
    roadmap = load_roadmap(ROOT / "data" / "roadmap.json")
    departments = [d.id for d in roadmap.departments]
    return [
        (100_000 + n, f"User {n}", "ru" if n % 5 else "en", departments[n % len(departments)])
        for n in range(recipients)
    ]


def limited_emulator() -> TelegramEmulator:
    """An emulator with Telegram's flood limits: 30 messages a second, 1 a second per chat."""
    return TelegramEmulator(rate_limit=RateLimit(per_second=30, per_chat_interval=1.0))


async def seed(app: Application, emulator: TelegramEmulator, recipients: int) -> None:
    """The coordinators to remind, approved in the database and known to the emulator."""
    people = coordinators(recipients)
    await app.repo.seed_coordinators(people)
    for user_id, name, language, _ in people:
        emulator.add_user(user_id, name, language)


async def people_writing(
    emulator: TelegramEmulator, tally: Tally, count: int, done: asyncio.Event
) -> list[float]:
    """`count` people sending /help every two seconds until `done`; their waits, in s (until
    the bot has handled the update, if it answered)."""
    waits: list[float] = []

    async def person(n: int) -> None:
        user = PEOPLE + n
        emulator.add_user(user, f"Person {n}", "ru")
        await asyncio.sleep(n * 2.0 / max(count, 1))  # spread over the two seconds
        while not done.is_set():
            asked = time.perf_counter()
            before = tally.per_chat[user]
            await emulator.wait_handled(emulator.send_text(user, "/help"), 30)
            if tally.per_chat[user] > before:
                waits.append(time.perf_counter() - asked)
            await asyncio.sleep(max(0.0, 2.0 - (time.perf_counter() - asked)))

    await asyncio.gather(*(person(n) for n in range(count)))
    return waits


async def people_writing_to(
    emulator: TelegramEmulator,
    tally: Tally,
    replicas: list[Application],
    count: int,
    done: asyncio.Event,
) -> list[float]:
    """As people_writing, each update handed to one replica at random, as a load balancer in
    front of the replicas' webhooks does; the wait is until that replica has answered."""
    waits: list[float] = []
    pick = random.Random(5)

    async def person(n: int) -> None:
        user = PEOPLE + n
        emulator.add_user(user, f"Person {n}", "ru")
        await asyncio.sleep(n * 2.0 / max(count, 1))
        while not done.is_set():
            asked = time.perf_counter()
            before = tally.per_chat[user]
            update = emulator.history[emulator.send_text(user, "/help")]
            emulator.pending.remove(update)  # nobody polls: it goes to one replica
            replica = pick.choice(replicas)
            await asyncio.wait_for(replica.dp.feed_raw_update(replica.bot, update), 30)
            if tally.per_chat[user] > before:
                waits.append(time.perf_counter() - asked)
            await asyncio.sleep(max(0.0, 2.0 - (time.perf_counter() - asked)))

    await asyncio.gather(*(person(n) for n in range(count)))
    return waits


def settings_for(args: argparse.Namespace, tmp: Path, database: str | None, redis_url: str | None):
    values: dict[str, object] = {
        "database_path": Path(tmp) / "bench.sqlite3",
        "send_rate": args.rate,
        "roadmap_path": ROOT / "data" / "roadmap.json",
    }
    if database:
        values["database_url"] = database
    if redis_url:
        values["redis_url"] = redis_url
    return Settings(_env_file=None, **values)  # type: ignore[arg-type,call-arg]


async def one_replica(
    args: argparse.Namespace, database: str | None = None, redis_url: str | None = None
) -> Figures:
    """One bot, polling; its reminder run while people write to it."""
    figures = Figures("1 replica, " + ("PostgreSQL" if database else "SQLite"), args.rate)
    figures.recipients = args.recipients
    emulator = limited_emulator()
    await emulator.start()
    tally = Tally(emulator)
    with tempfile.TemporaryDirectory() as tmp:
        settings = settings_for(args, Path(tmp), database, redis_url)
        clock = FixedClock(REMINDER_DAY)
        app = await prepare(settings, emulator.token, api_base=emulator.api_base, clock=clock)
        await seed(app, emulator, args.recipients)
        service = app.reminders
        app.poller.on_handled = emulator.track_handled()
        ready = asyncio.Event()
        serving = asyncio.create_task(serve(app, on_ready=ready.set))
        await asyncio.wait_for(ready.wait(), 10)
        done = asyncio.Event()
        try:
            planned = await service.run(dry_run=True)
            writing = asyncio.create_task(people_writing(emulator, tally, args.interactive, done))
            started = time.perf_counter()
            summary = await service.run()
            figures.elapsed = time.perf_counter() - started - summary.planning_seconds
            done.set()
            figures.waits = await writing
        finally:
            done.set()
            app.poller.stop()
            await asyncio.wait_for(serving, 15)
    await emulator.stop()
    figures.planning_seconds = planned.planning_seconds
    count(figures, emulator, len(planned.outgoing), args.interactive)
    return figures


async def reached_all(tally: Tally, planned: int) -> None:
    """Until every planned chat has its reminder, or nothing new arrived for 3 s."""
    last, still_since = -1, time.monotonic()
    while time.monotonic() - still_since < 3.0:
        reached = tally.reminded
        if reached >= planned:
            return
        if reached != last:
            last, still_since = reached, time.monotonic()
        await asyncio.sleep(0.05)


@contextlib.asynccontextmanager
async def running(apps: list[Application]) -> AsyncIterator[None]:
    """Each replica started as in webhook mode (its outbox and scheduler running, no
    polling: updates are handed to it), stopped and closed at the end."""

    async def receive(app: Application) -> None:
        await app.poller.stopping.wait()

    servings = []
    for app in apps:
        ready = asyncio.Event()
        servings.append(asyncio.create_task(serve(app, on_ready=ready.set, receive=receive)))
        await asyncio.wait_for(ready.wait(), 30)
    try:
        yield
    finally:
        for app in apps:
            app.poller.stop()
        await asyncio.wait_for(asyncio.gather(*servings), 30)


async def several_replicas(args: argparse.Namespace, database: str, redis_url: str) -> Figures:
    """N bots on one database and one Redis, all running the reminder run at once while
    people write to them through a random replica each time."""
    figures = Figures(f"{args.replicas} replicas, PostgreSQL + Redis", args.rate)
    figures.recipients = args.recipients
    emulator = limited_emulator()
    await emulator.start()
    tally = Tally(emulator)
    with tempfile.TemporaryDirectory() as tmp:
        settings = settings_for(args, Path(tmp), database, redis_url)
        clock = FixedClock(REMINDER_DAY)
        apps = [
            await prepare(settings, emulator.token, api_base=emulator.api_base, clock=clock)
            for _ in range(args.replicas)
        ]
        await seed(apps[0], emulator, args.recipients)
        planned = await apps[0].reminders.run(dry_run=True)
        done = asyncio.Event()
        async with running(apps):  # the leader's start-up tick begins sending at once
            writing = asyncio.create_task(
                people_writing_to(emulator, tally, apps, args.interactive, done)
            )
            started = time.perf_counter()
            summaries: list[RunSummary] = await asyncio.gather(
                *(app.reminders.run() for app in apps)
            )
            # the start-up tick's run may still have its last few claimed ones on their way
            await reached_all(tally, len(planned.outgoing))
            figures.elapsed = (
                time.perf_counter() - started - max(s.planning_seconds for s in summaries)
            )
            done.set()
            figures.waits = await writing
    await emulator.stop()
    figures.planning_seconds = planned.planning_seconds
    count(figures, emulator, len(planned.outgoing), args.interactive)
    return figures


def show(f: Figures) -> None:
    print(f"{f.label}:")
    print(f"  coordinators:            {f.recipients}")
    print(f"  reminders planned:       {f.planned}")
    print(f"  planning time:           {f.planning_seconds:.3f} s   (target < 1 s)")
    print(f"  delivered:               {f.delivered}")
    print(f"  duplicates:              {f.duplicates}   (target 0)")
    print(f"  missed:                  {f.missed}   (target 0)")
    print(f"  429s received:           {f.provoked}   (target 0)")
    print(f"  send time:               {f.elapsed:.1f} s")
    print(
        f"  effective rate:          {f.reminder_rate:.2f} msg/s of SEND_RATE {f.rate:g} "
        f"= {f.reminder_rate / f.rate:.0%}; with {f.replies} replies ({f.reply_rate:.1f}/s) "
        f"{f.share:.0%}   (target >= 90%)"
    )
    print(f"  most sent in a second:   {f.peak}   (target <= SEND_RATE {f.rate:g})")
    if f.waits:
        print(
            f"  replies to people:       {len(f.waits)}, p50 {f.quantile(0.5) * 1000:.0f} ms, "
            f"p99 {f.quantile(0.99) * 1000:.0f} ms   (target p99 < 1000 ms)"
        )
    print("  result:                  " + ("all targets met" if f.ok else "TARGETS MISSED"))


def table(runs: list[Figures]) -> None:
    """The runs side by side."""
    rows = [
        ("recipients", lambda f: f"{f.recipients}"),
        ("delivered", lambda f: f"{f.delivered}"),
        ("send time, s", lambda f: f"{f.elapsed:.1f}"),
        ("reminders/s", lambda f: f"{f.reminder_rate:.2f}"),
        ("with replies, % of SEND_RATE", lambda f: f"{f.share:.0%}"),
        ("peak messages in a second", lambda f: f"{f.peak}"),
        ("duplicates", lambda f: f"{f.duplicates}"),
        ("missed", lambda f: f"{f.missed}"),
        ("429s provoked", lambda f: f"{f.provoked}"),
        ("replies p50, ms", lambda f: f"{f.quantile(0.5) * 1000:.0f}"),
        ("replies p99, ms", lambda f: f"{f.quantile(0.99) * 1000:.0f}"),
        ("targets", lambda f: "met" if f.ok else "MISSED"),
    ]
    width = max(len(f.label) for f in runs) + 2
    print(f"{'':30}" + "".join(f"{f.label:>{width}}" for f in runs))
    for name, value in rows:
        print(f"{name:30}" + "".join(f"{value(f):>{width}}" for f in runs))


async def main(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.ERROR)
    runs: list[Figures] = []
    if args.compare:
        runs.append(await one_replica(args))
        show(runs[-1])
        args.replicas = max(args.replicas, 2)
    with (
        postgres(args.database_url, args.postgres, prefix="bench_reminders") as pg,
        redis(args.redis_url, args.redis) as redis_url,
    ):
        database = pg.url_of(pg.create()) if pg else None
        if args.replicas == 1:
            runs.append(await one_replica(args, database, redis_url))
        else:
            if database is None or redis_url is None:
                raise SystemExit(
                    "error: several replicas need PostgreSQL (--postgres or --database-url) "
                    "and Redis (--redis or --redis-url)"
                )
            runs.append(await several_replicas(args, database, redis_url))
        show(runs[-1])
    if len(runs) > 1:
        table(runs)
    return 0 if all(f.ok for f in runs) else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", "--users", type=int, default=3000)
    parser.add_argument("--rate", type=float, default=25.0, help="SEND_RATE, messages/s")
    parser.add_argument("--interactive", type=int, default=20, help="people writing during the run")
    parser.add_argument("--replicas", type=int, default=1)
    database = parser.add_mutually_exclusive_group()
    database.add_argument("--database-url", metavar="URL", help="PostgreSQL to use")
    database.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL")
    shared = parser.add_mutually_exclusive_group()
    shared.add_argument("--redis-url", metavar="URL", help="Redis to use")
    shared.add_argument("--redis", action="store_true", help="a throwaway redis-server")
    parser.add_argument(
        "--compare",
        action="store_true",
        help="1 replica on SQLite, then 2 on a throwaway PostgreSQL and Redis",
    )
    args = parser.parse_args()
    if args.compare:
        args.postgres = args.postgres or not args.database_url
        args.redis = args.redis or not args.redis_url
    sys.exit(asyncio.run(main(args)))
