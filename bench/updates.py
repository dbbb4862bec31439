"""Benchmark: the real bot process answering many coordinators through the emulator.

    python bench/updates.py [--users 200] [--burst 3000] [--rounds 3] [--rate 100]
                            [--seconds 10] [--profile FILE]

Runs `python -m bot` and a bare aiogram echo bot in turns against the emulator over HTTP.
Prints throughput (updates/s) for a burst (the median of the rounds), latency
p50/p95/p99 from update to first reply at a steady offered rate, and the ratio of our
throughput to the echo bot's. --profile records where the bot's CPU goes (py-spy).
Targets: ratio at least 0.5; p99 under 50 ms at 100 updates/s on 2 cores.

The target's echo bot is bare aiogram. The roadmap bot also changes the garbage collector's
settings (bot.telegram.runner.settle_heap), which speed up any aiogram bot; so the echo bot runs a
second time with them, and that like-for-like ratio is printed too.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.domain.roadmap import load_roadmap  # noqa: E402
from bot.sandbox.emulator import TelegramEmulator  # noqa: E402
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


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system, all threads) a process has used so far; 0 where /proc is absent."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure_throughput(
    emulator: TelegramEmulator, pid: int, users: list[int], texts, burst: int
) -> tuple[float, float]:
    """(updates/s, the bot's CPU share) for a burst sent all at once, after a warm-up."""
    for user in users[:20]:
        await emulator.wait_handled(emulator.send_text(user, texts(user)), 60)
    began, cpu_began = time.perf_counter(), cpu_seconds(pid)
    last = 0
    for n in range(burst):
        last = emulator.send_text(users[n % len(users)], texts(users[n % len(users)]))
    await emulator.wait_handled(last, 300)
    elapsed = time.perf_counter() - began
    return burst / elapsed, (cpu_seconds(pid) - cpu_began) / elapsed


async def measure_latency(
    emulator: TelegramEmulator, users: list[int], texts, rate: float, seconds: float
) -> list[float]:
    """Seconds from each update to the bot's first reply in that chat, at a steady rate."""
    waiting: dict[int, list[float]] = {}
    latencies: list[float] = []

    def on_event(event: str, payload) -> None:
        if event == "message" and waiting.get(payload.chat_id):
            latencies.append(time.perf_counter() - waiting[payload.chat_id].pop(0))

    emulator.listeners.append(on_event)
    interval = 1.0 / rate
    start_at = time.perf_counter()
    last = 0
    for n in range(int(rate * seconds)):
        user = users[n % len(users)]
        await asyncio.sleep(max(0.0, start_at + n * interval - time.perf_counter()))
        waiting.setdefault(user, []).append(time.perf_counter())
        last = emulator.send_text(user, texts(user))
    await emulator.wait_handled(last, 300)
    await asyncio.sleep(0.5)
    emulator.listeners.remove(on_event)
    return latencies


def profiler(pid: int, output: str) -> list[str]:
    """py-spy sampling only while the bot holds the GIL, i.e. where its CPU goes."""
    options = f"record --pid {pid} --gil --nonblocking --format speedscope --output"
    return ["py-spy", *options.split(), output]


def fresh_database(tmp: Path) -> Path:
    database = tmp / "bot.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(tmp / "seeded.sqlite3", database)
    return database


async def run_bot(
    name: str, args: argparse.Namespace, tmp: Path, users: list[int], texts, latency: bool
) -> tuple[float, float, list[float]]:
    """Start one bot on a fresh copy of the seeded database against a fresh emulator (whose
    update ids start again at 1); throughput, CPU share and latencies."""
    database = fresh_database(tmp)
    command = (
        [sys.executable, "-m", "bot"]
        if name == OURS
        else [sys.executable, str(ROOT / "bench" / "echo_bot.py")]
        + (["--settled"] if name == SETTLED else [])
    )
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
    process = await start(command, env, tmp)
    spy = None
    if args.profile and name == OURS and latency:  # py-spy stops when the bot exits
        spy = await start(profiler(process.pid, args.profile), env, tmp)
    try:
        throughput, cpu = await measure_throughput(emulator, process.pid, users, texts, args.burst)
        latencies = (
            await measure_latency(emulator, users, texts, args.rate, args.seconds)
            if latency
            else []
        )
        return throughput, cpu, latencies
    finally:
        process.terminate()
        await process.wait()
        if spy:
            await spy.wait()
        await emulator.stop()


OURS, ECHO, SETTLED = "roadmap bot", "echo bot", "echo bot, settled heap"


async def main(args: argparse.Namespace) -> int:
    random.seed(3)
    roadmap = load_roadmap(ROOT / "data" / "roadmap.json")
    departments = [d.id for d in roadmap.departments]
    users = list(range(100_001, 100_001 + args.users))
    assigned = {user: departments[n % len(departments)] for n, user in enumerate(users)}
    texts = realistic_mix(roadmap, assigned)
    runs: dict[str, list[tuple[float, float]]] = {OURS: [], ECHO: [], SETTLED: []}
    latencies: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = await open_database(Path(tmp) / "seeded.sqlite3")
        repo = Repository(db)
        await repo.sync_roadmap(roadmap)
        await repo.seed_coordinators([(u, f"User {u}", "ru", d) for u, d in assigned.items()])
        await db.close()
        # the two bots take turns, so a noisy spell on the machine hits both alike
        for round_ in range(args.rounds):
            for name in (OURS, ECHO, SETTLED):
                throughput, cpu, measured = await run_bot(
                    name, args, Path(tmp), users, texts, latency=name == OURS and round_ == 0
                )
                runs[name].append((throughput, cpu))
                latencies += measured
                print(f"  round {round_ + 1}, {name}: {throughput:.0f} updates/s, CPU {cpu:.0%}")

    ours, echo, settled = (statistics.median(t for t, _ in runs[n]) for n in (OURS, ECHO, SETTLED))
    ratios = [o / e for (o, _), (e, _) in zip(runs[OURS], runs[ECHO], strict=True)]
    like_ratios = [o / e for (o, _), (e, _) in zip(runs[OURS], runs[SETTLED], strict=True)]
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 2 else [0.0] * 99
    p50, p95, p99 = cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000
    print(f"coordinators:                 {args.users}")
    print(f"throughput (burst of {args.burst}):  {ours:.0f} updates/s (median of {args.rounds})")
    print(f"echo bot throughput:          {echo:.0f} updates/s (median of {args.rounds})")
    print(f"  with the bot's GC setting:  {settled:.0f} updates/s (median of {args.rounds})")
    print(
        f"ratio to the echo bot:        {ours / echo:.2f}   (target >= 0.5; "
        f"rounds {min(ratios):.2f}-{max(ratios):.2f})"
    )
    print(
        f"  like for like:              {ours / settled:.2f}   (both with the GC setting; "
        f"rounds {min(like_ratios):.2f}-{max(like_ratios):.2f})"
    )
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
    parser.add_argument("--burst", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3, help="turns each bot takes")
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--profile", metavar="FILE", help="record the bot with py-spy into FILE")
    sys.exit(asyncio.run(main(parser.parse_args())))
