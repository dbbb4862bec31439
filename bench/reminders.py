"""Benchmark: a quarterly reminder run for many coordinators against a rate-limited emulator.

    python bench/reminders.py [--users 10000] [--rate 25] [--interactive 20]

The emulator answers 429 like Telegram when a bot exceeds ~30 messages/s overall or 1/s
per chat. While the reminders go out, `--interactive` people keep writing to the bot (a
command every two seconds each), as those who react to a reminder do. Prints planning
time, delivered, duplicates, missed, 429s, the effective reminder rate against the
configured one, the most messages sent in any one second (replies included), and how
long people waited for their answers. Targets: nothing missed or duplicated, no 429s,
effective rate at least 90% of SEND_RATE less what the replies took, never above
SEND_RATE in any second, planning under 1 s, replies p99 under 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.composition import prepare  # noqa: E402
from bot.domain.roadmap import load_roadmap  # noqa: E402
from bot.sandbox.emulator import RateLimit, TelegramEmulator  # noqa: E402
from bot.sandbox.emulator.client import BotClient  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.telegram.runner import serve  # noqa: E402


class FixedClock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


async def people_writing(emulator, count: int, done: asyncio.Event) -> list[float]:
    """`count` people sending /help every two seconds until `done`; their waits, in s."""
    waits: list[float] = []

    async def person(n: int) -> None:
        client = BotClient(emulator, 900_000 + n, f"Person {n}", "ru", seconds=30)
        await asyncio.sleep(n * 2.0 / max(count, 1))  # spread over the two seconds
        while not done.is_set():
            asked = time.perf_counter()
            replies = await client.send("/help")
            if replies:
                waits.append(time.perf_counter() - asked)
            await asyncio.sleep(max(0.0, 2.0 - (time.perf_counter() - asked)))

    await asyncio.gather(*(person(n) for n in range(count)))
    return waits


async def main(users: int, rate: float, interactive: int) -> int:
    logging.basicConfig(level=logging.ERROR)
    roadmap = load_roadmap(ROOT / "data" / "roadmap.json")
    emulator = TelegramEmulator(rate_limit=RateLimit(per_second=30, per_chat_interval=1.0))
    await emulator.start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            _env_file=None, database_path=Path(tmp) / "bench.sqlite3", send_rate=rate
        )  # type: ignore[call-arg]
        # 10:00 in Saint Petersburg on the Q1 reminder day; Tomsk's 10:00 was 4 hours ago
        clock = FixedClock(datetime(2021, 3, 21, 7, 0, tzinfo=UTC))
        app = await prepare(settings, emulator.token, api_base=emulator.api_base, clock=clock)
        repo = app.repo
        departments = [d.id for d in roadmap.departments]
        people = [
            (100_000 + n, f"User {n}", "ru" if n % 5 else "en", departments[n % len(departments)])
            for n in range(users)
        ]
        await repo.seed_coordinators(people)
        for user_id, name, language, _ in people:
            emulator.add_user(user_id, name, language)
        service = app.reminders
        app.poller.on_handled = emulator.track_handled()
        ready = asyncio.Event()
        serving = asyncio.create_task(serve(app, on_ready=ready.set))
        await asyncio.wait_for(ready.wait(), 10)
        done = asyncio.Event()
        try:
            planned = await service.run(dry_run=True)
            writing = asyncio.create_task(people_writing(emulator, interactive, done))
            started = time.perf_counter()
            summary = await service.run()
            elapsed = time.perf_counter() - started - summary.planning_seconds
            done.set()
            waits = await writing
        finally:
            done.set()
            app.poller.stop()
            await asyncio.wait_for(serving, 15)
    await emulator.stop()

    people = {900_000 + n for n in range(interactive)}
    replies = sum(1 for m in emulator.messages.values() if m.chat_id in people)
    per_chat = Counter(m.chat_id for m in emulator.messages.values() if m.chat_id not in people)
    delivered = sum(per_chat.values())
    duplicates = sum(n - 1 for n in per_chat.values() if n > 1)
    missed = len(planned.outgoing) - len(per_chat)
    provoked = emulator.rate_limit.provoked if emulator.rate_limit else 0
    effective = len(per_chat) / elapsed if elapsed > 0 else 0.0
    print(f"coordinators:            {users}")
    print(f"reminders planned:       {len(planned.outgoing)}")
    print(f"planning time:           {planned.planning_seconds:.3f} s   (target < 1 s)")
    print(f"delivered:               {delivered}")
    print(f"duplicates:              {duplicates}   (target 0)")
    print(f"missed:                  {missed}   (target 0)")
    print(f"429s received:           {provoked}   (target 0)")
    print(f"send time:               {elapsed:.1f} s")
    reply_rate = replies / elapsed if elapsed > 0 else 0.0
    share = (effective + reply_rate) / rate
    print(
        f"effective rate:          {effective:.2f} msg/s of SEND_RATE {rate:g} "
        f"= {effective / rate:.0%}; with {replies} replies ({reply_rate:.1f}/s) "
        f"{share:.0%}   (target >= 90%)"
    )
    peak = emulator.rate_limit.peak if emulator.rate_limit else 0
    print(f"most sent in a second:   {peak}   (target <= SEND_RATE {rate:g})")
    p50 = p99 = 0.0
    if waits:
        ordered = sorted(waits)
        p50 = ordered[len(ordered) // 2]
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        print(
            f"replies to people:       {len(waits)}, p50 {p50 * 1000:.0f} ms, "
            f"p99 {p99 * 1000:.0f} ms   (target p99 < 1000 ms)"
        )
    ok = (
        missed == 0
        and duplicates == 0
        and provoked == 0
        and share >= 0.9
        and peak <= rate
        and p99 < 1.0
        and planned.planning_seconds < 1.0
    )
    print("result:                  " + ("all targets met" if ok else "TARGETS MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=25.0, help="SEND_RATE, messages/s")
    parser.add_argument("--interactive", type=int, default=20, help="people writing during the run")
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.users, args.rate, args.interactive)))
