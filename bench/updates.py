"""Benchmark: the real bot process answering many coordinators through the emulator.

    python bench/updates.py [--users 200] [--burst 2000] [--rate 100] [--seconds 10]

Runs `python -m bot` (and then a bare aiogram echo bot) against the emulator over HTTP.
Prints throughput (updates/s) for a burst, latency p50/p95/p99 from update to first
reply at a steady offered rate, and the ratio of our throughput to the echo bot's.
Targets: ratio at least 0.5; p99 under 50 ms at 100 updates/s on 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.emulator import TelegramEmulator  # noqa: E402
from bot.roadmap import load_roadmap  # noqa: E402
from storage import Repository, open_database  # noqa: E402


def realistic_mix(roadmap, departments: dict[int, str]):
    """(user, text): /my_items, item cards, reports and history, for the user's own items."""
    items_of = {
        dep: [i.code for i in roadmap.items if dep in i.departments()]
        for dep in set(departments.values())
    }

    def next_update(user_id: int) -> str:
        code = random.choice(items_of[departments[user_id]])
        return random.choice(
            [
                "/my_items",
                f"/item {code}",
                f"/history {code}",
                f"/update {code} выполняется: шаг {random.randint(1, 10**6)}",
            ]
        )

    return next_update


async def start(command: list[str], env: dict[str, str], cwd: Path):
    return await asyncio.create_subprocess_exec(
        *command,
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def measure(
    emulator: TelegramEmulator, users: list[int], texts, burst: int, rate: float, seconds: float
) -> tuple[float, list[float]]:
    # warm-up, then a burst for throughput
    for user in users[:20]:
        await emulator.wait_handled(emulator.send_text(user, texts(user)), 60)
    began = time.perf_counter()
    last = 0
    for n in range(burst):
        last = emulator.send_text(users[n % len(users)], texts(users[n % len(users)]))
    await emulator.wait_handled(last, 300)
    throughput = burst / (time.perf_counter() - began)

    # a steady rate for latency: time from an update to the bot's first reply in that chat
    waiting: dict[int, list[float]] = {}
    latencies: list[float] = []

    def on_event(event: str, payload) -> None:
        if event == "message" and waiting.get(payload.chat_id):
            latencies.append(time.perf_counter() - waiting[payload.chat_id].pop(0))

    emulator.listeners.append(on_event)
    interval = 1.0 / rate
    start_at = time.perf_counter()
    for n in range(int(rate * seconds)):
        user = users[n % len(users)]
        await asyncio.sleep(max(0.0, start_at + n * interval - time.perf_counter()))
        waiting.setdefault(user, []).append(time.perf_counter())
        last = emulator.send_text(user, texts(user))
    await emulator.wait_handled(last, 300)
    await asyncio.sleep(0.5)
    emulator.listeners.remove(on_event)
    return throughput, latencies


async def main(args: argparse.Namespace) -> int:
    random.seed(3)
    roadmap = load_roadmap(ROOT / "data" / "roadmap.json")
    departments = [d.id for d in roadmap.departments]
    users = list(range(100_001, 100_001 + args.users))
    assigned = {user: departments[n % len(departments)] for n, user in enumerate(users)}
    texts = realistic_mix(roadmap, assigned)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = await open_database(Path(tmp) / "bot.sqlite3")
        repo = Repository(db)
        await repo.sync_roadmap(roadmap)
        await repo.seed_coordinators([(u, f"User {u}", "ru", d) for u, d in assigned.items()])
        await db.close()
        for name, command in (
            ("roadmap bot", [sys.executable, "-m", "bot"]),
            ("echo bot", [sys.executable, str(ROOT / "bench" / "echo_bot.py")]),
        ):
            emulator = TelegramEmulator()
            await emulator.start()
            for user in users:
                emulator.add_user(user, f"User {user}", "ru")
            env = {
                **os.environ,
                "BOT_TOKEN": emulator.token,
                "TELEGRAM_API_URL": emulator.api_base,
                "PYTHONPATH": str(ROOT),
                "DATABASE_PATH": str(Path(tmp) / "bot.sqlite3"),
                "ROADMAP_PATH": str(ROOT / "data" / "roadmap.json"),
                "LOG_LEVEL": "ERROR",
            }
            process = await start(command, env, Path(tmp))
            try:
                results[name] = await measure(
                    emulator, users, texts, args.burst, args.rate, args.seconds
                )
            finally:
                process.terminate()
                await process.wait()
                await emulator.stop()

    ours, latencies = results["roadmap bot"]
    echo, _ = results["echo bot"]
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 2 else [0.0] * 99
    p50, p95, p99 = cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000
    print(f"coordinators:                 {args.users}")
    print(f"throughput (burst of {args.burst}):  {ours:.0f} updates/s")
    print(f"echo bot throughput:          {echo:.0f} updates/s")
    print(f"ratio to the echo bot:        {ours / echo:.2f}   (target >= 0.5)")
    print(
        f"latency at {args.rate:g} updates/s:    p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
        f"p99 {p99:.1f} ms   (target p99 < 50 ms; {len(latencies)} replies)"
    )
    ok = ours / echo >= 0.5 and p99 < 50
    print("result:                       " + ("all targets met" if ok else "TARGETS MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--burst", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    sys.exit(asyncio.run(main(parser.parse_args())))
