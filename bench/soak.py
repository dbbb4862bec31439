"""Soak: a long run of mixed updates from many users; memory and bookkeeping stay flat.

    python bench/soak.py [--updates 100000] [--users 20000] [--rate 400]

Runs `python -m bot` against the emulator and sends `--updates` updates from `--users`
users at a steady `--rate` a second: most are people without a department (/start, /help,
/my_items, a word, /subscribe), one in 200 a coordinator's report, with notices to the
other side (a few a second, within what Telegram lets the bot send). Prints the bot's
resident memory and the bookkeeping tables' sizes after a warm-up tenth of the run and at
its end: flat after warm-up is the target (RSS within 10%, processed-update log, inbox and
pending notices bounded).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.domain.roadmap import load_roadmap  # noqa: E402
from bot.sandbox.emulator import TelegramEmulator  # noqa: E402
from storage import Repository, open_database  # noqa: E402

CHECKS = 10  # memory and table sizes are read this many times in a run


def rss_mib(pid: int) -> float:
    """Resident memory of a process in MiB (Linux /proc); 0 where it is not available."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


async def table_sizes(path: Path) -> dict[str, int]:
    db = await open_database(path)
    try:
        repo = Repository(db)
        sizes = await repo.bookkeeping_counts()
        row = await db.fetchone("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")
        sizes["outbox pending"] = int(row[0]) if row else 0
        return sizes
    finally:
        await db.close()


def mix(roadmap, coordinators: dict[int, str]):
    """(user, text) of the next update: one in 200 a report by a coordinator."""
    items_of = {
        dep: [i.code for i in roadmap.items if dep in i.departments()]
        for dep in set(coordinators.values())
    }
    people = ["/start", "/help", "/my_items", "/subscribe", "привет", "/item 4.1", "/settings"]

    def next_update(users: list[int]) -> tuple[int, str]:
        if random.random() < 0.005:
            user = random.choice(list(coordinators))
            code = random.choice(items_of[coordinators[user]])
            return user, f"/update {code} выполняется: шаг {random.randint(1, 10**6)}"
        return random.choice(users), random.choice(people)

    return next_update


async def main(args: argparse.Namespace) -> int:
    random.seed(5)
    roadmap = load_roadmap(ROOT / "data" / "roadmap.json")
    departments = [d.id for d in roadmap.departments]
    users = list(range(200_001, 200_001 + args.users))
    coordinators = {users[n]: dep for n, dep in enumerate(departments * 2)}
    next_update = mix(roadmap, coordinators)
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "bot.sqlite3"
        db = await open_database(database)
        repo = Repository(db)
        await repo.sync_roadmap(roadmap)
        await repo.seed_coordinators([(u, f"User {u}", "ru", d) for u, d in coordinators.items()])
        await db.close()
        emulator = TelegramEmulator()
        await emulator.start()
        for user in users:
            emulator.add_user(user, f"User {user}", "ru")
        env = {
            **os.environ,
            "BOT_TOKEN": emulator.token,
            "TELEGRAM_API_URL": emulator.api_base,
            "PYTHONPATH": str(ROOT),
            "DATABASE_PATH": str(database),
            "ROADMAP_PATH": str(ROOT / "data" / "roadmap.json"),
            "LOG_LEVEL": "ERROR",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=tmp, env=env
        )
        readings: list[tuple[int, float, dict[str, int]]] = []
        try:
            began = time.perf_counter()
            last = 0
            for n in range(args.updates):
                await asyncio.sleep(max(0.0, began + n / args.rate - time.perf_counter()))
                user, text = next_update(users)
                last = emulator.send_text(user, text)
                if (n + 1) % (args.updates // CHECKS) == 0:
                    await emulator.wait_handled(last, 120)
                    readings.append((n + 1, rss_mib(process.pid), await table_sizes(database)))
                    print(
                        f"  {n + 1:>7} updates: RSS {readings[-1][1]:6.1f} MiB, "
                        + ", ".join(f"{k} {v}" for k, v in readings[-1][2].items())
                    )
                    emulator.forget()  # the emulator itself must not be what grows
            elapsed = time.perf_counter() - began
        finally:
            process.terminate()
            await process.wait()
            await emulator.stop()
    warm, end = readings[0], readings[-1]
    growth = (end[1] - warm[1]) / warm[1] if warm[1] else 0.0
    print(f"updates: {args.updates} from {args.users} users in {elapsed:.0f} s")
    print(
        f"RSS after warm-up ({warm[0]} updates): {warm[1]:.1f} MiB; at the end: {end[1]:.1f} MiB "
        f"({growth:+.0%}; target within 10%)"
    )
    for table in end[2]:
        print(f"{table}: {warm[2][table]} after warm-up, {end[2][table]} at the end")
    bounded = (
        end[2]["processed_updates"] <= max(warm[2]["processed_updates"], 10_000)
        and end[2]["inbox"] < 100
        and end[2]["outbox pending"] < 1000
    )
    ok = growth <= 0.10 and bounded
    print("result: " + ("flat after warm-up" if ok else "GROWING"))
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=20_000)
    parser.add_argument("--rate", type=float, default=400.0, help="updates a second")
    sys.exit(asyncio.run(main(parser.parse_args())))
