"""Benchmark: a quarterly reminder run for many coordinators against a rate-limited emulator.

    python bench/reminders.py [--users 10000] [--rate 25]

The emulator answers 429 like Telegram when a bot exceeds ~30 messages/s overall or 1/s
per chat. Prints planning time, delivered, duplicates, missed, 429s, and the effective
send rate against the configured one. Targets: nothing missed or duplicated, no 429s,
effective rate at least 90% of SEND_RATE, planning under 1 s.
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
from bot.settings import Settings  # noqa: E402


class FixedClock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


async def main(users: int, rate: float) -> int:
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
        try:
            planned = await service.run(dry_run=True)
            started = time.perf_counter()
            summary = await service.run()
            elapsed = time.perf_counter() - started - summary.planning_seconds
        finally:
            await app.close()
    await emulator.stop()

    per_chat = Counter(m.chat_id for m in emulator.messages.values())
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
    print(
        f"effective rate:          {effective:.2f} msg/s of SEND_RATE {rate:g} "
        f"= {effective / rate:.0%}   (target >= 90%)"
    )
    ok = (
        missed == 0
        and duplicates == 0
        and provoked == 0
        and effective >= 0.9 * rate
        and planned.planning_seconds < 1.0
    )
    print("result:                  " + ("all targets met" if ok else "TARGETS MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=25.0, help="SEND_RATE, messages/s")
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.users, args.rate)))
