"""Benchmark: the real bot process answering many coordinators through the emulator.

    python bench/updates.py [--users 200] [--burst 3000] [--rounds 3] [--rate 100]
                            [--seconds 10] [--profile FILE] [--paced]
                            [--database-url postgresql://… | --postgres [--pg-fast]]

Runs the bot and a bare aiogram echo bot in turns against the emulator over HTTP.
Prints throughput (updates/s) for a burst (the median of the rounds; a burst is over when
the bot has recorded every update of it handled), latency p50/p95/p99 from update to first
reply at a steady offered rate, and the ratio of our throughput to the echo bot's.
--profile records where the bot's CPU goes (py-spy).
Targets: ratio at least 0.5; p99 under 50 ms at 100 updates/s on 2 cores.

Every reply takes a slot of the one send budget (SEND_RATE, at most 30/s), so as deployed
the bot answers at most SEND_RATE updates a second whatever it runs on. To measure the bot
itself, it runs with replies unpaced (bench/_unpaced_bot.py); --paced runs `python -m bot`.

With --database-url (a PostgreSQL server where the URL's user may CREATE DATABASE) the
roadmap bot also takes a turn on PostgreSQL each round, on a fresh copy of the same seeded
data, and both backends are printed side by side. --postgres starts a throwaway cluster
(tests/servers.py) instead, durable as SQLite is (fsync and synchronous_commit on; with
--pg-fast, off as in the tests). Target: PostgreSQL throughput within 30% of SQLite's.

The target's echo bot is bare aiogram. The roadmap bot also changes the garbage collector's
settings (bot.telegram.runner.settle_heap), which speed up any aiogram bot; so the echo bot runs a
second time with them, and that like-for-like ratio is printed too.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._servers import PgDatabases, postgres  # noqa: E402
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


async def start(command: list[str], env: dict[str, str], cwd: Path, log: Path | None = None):
    """Start a process; its error output goes to `log` (printed if the bot fails)."""
    with (log or Path(os.devnull)).open("wb") as errors:
        return await asyncio.create_subprocess_exec(
            *command,
            cwd=cwd,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=errors,
        )


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system, all threads) a process has used so far; 0 where /proc is absent."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu_seconds(pid_file: Path) -> float:
    """CPU time a PostgreSQL cluster (its postmaster and every backend) has used so far."""
    try:
        postmaster = int(pid_file.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    total = cpu_seconds(postmaster)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == postmaster:
                total += cpu_seconds(int(entry.name))
    return total


async def measure_throughput(
    emulator: TelegramEmulator,
    pid: int,
    users: list[int],
    texts,
    burst: int,
    handled: Callable[[int, int], Awaitable[int]] | None = None,
    server_cpu: Callable[[], float] = lambda: 0.0,
) -> tuple[float, float, float]:
    """(updates/s, the bot's CPU share, the database server's) for a burst sent all at once,
    after a warm-up.

    The poller confirms updates still running after a moment (they wait in its inbox), so
    confirmed is not handled: the burst is over once `handled(first, last)` counts all of
    it recorded handled in the bot's database (the echo bot has none: confirmed)."""
    for user in users[:20]:
        await emulator.wait_handled(emulator.send_text(user, texts(user)), 60)
    began, cpu_began, server_began = time.perf_counter(), cpu_seconds(pid), server_cpu()
    first = last = 0
    for n in range(burst):
        last = emulator.send_text(users[n % len(users)], texts(users[n % len(users)]))
        first = first or last
    await emulator.wait_handled(last, 300)
    deadline = time.monotonic() + 300
    while handled is not None and await handled(first, last) < burst:
        if time.monotonic() > deadline:
            raise TimeoutError("the bot did not record the burst handled within 300 s")
        await asyncio.sleep(0.01)
    elapsed = time.perf_counter() - began
    server = (server_cpu() - server_began) / elapsed
    return burst / elapsed, (cpu_seconds(pid) - cpu_began) / elapsed, server


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
    kind = "raw" if output.endswith(".txt") else "speedscope"  # raw: collapsed stacks
    options = f"record --pid {pid} --gil --nonblocking --format {kind} --output"
    return ["py-spy", *options.split(), output]


HANDLED = "SELECT COUNT(*) FROM processed_updates WHERE done = 1 AND update_id BETWEEN {} AND {}"


def fresh_database(tmp: Path) -> Path:
    database = tmp / "bot.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(tmp / "seeded.sqlite3", database)
    return database


def sqlite_handled(database: Path) -> Callable[[int, int], Awaitable[int]]:
    def count(first: int, last: int) -> int:
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
            return int(conn.execute(HANDLED.format(int(first), int(last))).fetchone()[0])

    return lambda first, last: asyncio.to_thread(count, first, last)


def pg_handled(pg: PgDatabases, name: str) -> Callable[[int, int], Awaitable[int]]:
    import psycopg

    url = pg.url_of(name)

    def count(first: int, last: int) -> int:
        with psycopg.connect(url) as conn:
            row = conn.execute(HANDLED.format(int(first), int(last))).fetchone()
            return int(row[0]) if row else 0

    return lambda first, last: asyncio.to_thread(count, first, last)


async def run_bot(
    name: str,
    args: argparse.Namespace,
    tmp: Path,
    users: list[int],
    texts,
    latency: bool,
    pg: PgDatabases | None = None,
) -> tuple[float, float, float, list[float]]:
    """Start one bot on a fresh copy of the seeded database against a fresh emulator (whose
    update ids start again at 1); throughput, CPU share and latencies."""
    database = fresh_database(tmp)
    handled: Callable[[int, int], Awaitable[int]] | None = None
    server_cpu: Callable[[], float] = float  # float() is 0.0: no server measured
    extra_env: dict[str, str] = {}
    if name == OURS_PG:
        assert pg is not None
        copy = pg.create(template=pg.seeded)
        extra_env["DATABASE_URL"] = pg.url_of(copy)
        handled = pg_handled(pg, copy)
        if pg.pid_file is not None:
            pid_file = pg.pid_file
            server_cpu = functools.partial(server_cpu_seconds, pid_file)
    elif name == OURS:
        handled = sqlite_handled(database)
    if name in (OURS, OURS_PG):
        command = [
            sys.executable,
            "-m" if args.paced else str(ROOT / "bench" / "_unpaced_bot.py"),
            *(["bot"] if args.paced else []),
        ]
    else:
        command = [sys.executable, str(ROOT / "bench" / "echo_bot.py")] + (
            ["--settled"] if name == SETTLED else []
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
        **extra_env,
    }
    log = tmp / "bot.log"
    process = await start(command, env, tmp, log)
    spy = None
    if args.profile and name in (OURS, OURS_PG) and latency:  # py-spy stops when the bot exits
        profile = Path(args.profile)
        output = (
            str(profile.with_stem(f"{profile.stem}-postgresql"))
            if name == OURS_PG
            else args.profile
        )
        spy = await start(profiler(process.pid, output), env, tmp)
    try:
        throughput, cpu, server = await measure_throughput(
            emulator, process.pid, users, texts, args.burst, handled, server_cpu
        )
        latencies = (
            await measure_latency(emulator, users, texts, args.rate, args.seconds)
            if latency
            else []
        )
        return throughput, cpu, server, latencies
    except TimeoutError:
        print(f"  {name} did not keep up; its errors:\n{log.read_text()[-2000:]}")
        raise
    finally:
        process.terminate()
        await process.wait()
        if spy:
            await spy.wait()
        await emulator.stop()


OURS, OURS_PG = "roadmap bot", "roadmap bot, PostgreSQL"
ECHO, SETTLED = "echo bot", "echo bot, settled heap"


def quantiles(latencies: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 2 else [0.0] * 99
    return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000


async def main(args: argparse.Namespace) -> int:
    with postgres(args.database_url, args.postgres, not args.pg_fast, "bench_updates") as pg:
        return await measure(args, pg)


async def measure(args: argparse.Namespace, pg: PgDatabases | None) -> int:
    random.seed(3)
    roadmap = load_roadmap(ROOT / "data" / "roadmap.json")
    departments = [d.id for d in roadmap.departments]
    users = list(range(100_001, 100_001 + args.users))
    assigned = {user: departments[n % len(departments)] for n, user in enumerate(users)}
    texts = realistic_mix(roadmap, assigned)
    bots = [OURS] + ([OURS_PG] if pg else []) + ([] if args.no_echo else [ECHO, SETTLED])
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in bots}
    latencies: dict[str, list[float]] = {OURS: [], OURS_PG: []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            people = [(u, f"User {u}", "ru", d) for u, d in assigned.items()]
            await seed(str(Path(tmp) / "seeded.sqlite3"), roadmap, people)
            if pg is not None:
                pg.seeded = pg.create()
                await seed(pg.url_of(pg.seeded), roadmap, people)
            # the bots take turns, so a noisy spell on the machine hits all alike
            for round_ in range(args.rounds):
                for name in bots:
                    throughput, cpu, server, measured = await run_bot(
                        name, args, Path(tmp), users, texts, round_ == 0 and name in latencies, pg
                    )
                    runs[name].append((throughput, cpu, server))
                    if name in latencies:
                        latencies[name] += measured
                    print(
                        f"  round {round_ + 1}, {name}: {throughput:.0f} updates/s, CPU {cpu:.0%}"
                    )
    finally:
        if pg is not None:
            pg.drop_all()
    return report(args, runs, latencies)


async def seed(location: str, roadmap, people) -> None:
    db = await open_database(location)
    repo = Repository(db)
    await repo.sync_roadmap(roadmap)
    await repo.seed_coordinators(people)
    await db.close()


def report(
    args: argparse.Namespace,
    runs: dict[str, list[tuple[float, float, float]]],
    latencies: dict[str, list[float]],
) -> int:
    median = {name: statistics.median(r[0] for r in runs[name]) for name in runs}
    # CPU milliseconds per update: the bot's, and the database server's where measured
    cost = {name: statistics.median(1000 * r[1] / r[0] for r in runs[name]) for name in runs}
    ours = median[OURS]
    ok = True
    print(f"coordinators:                 {args.users}")
    print(
        "replies:                      "
        + ("paced by SEND_RATE, as deployed" if args.paced else "unpaced (the bot's own capacity)")
    )
    print(
        f"throughput (burst of {args.burst}):  {ours:.0f} updates/s on SQLite "
        f"(median of {args.rounds}; bot CPU {cost[OURS]:.2f} ms/update)"
    )
    if OURS_PG in runs:
        on_pg = median[OURS_PG]
        share = on_pg / ours
        ok = ok and share >= 0.7
        rounds = [p[0] / q[0] for p, q in zip(runs[OURS_PG], runs[OURS], strict=True)]
        server = statistics.median(1000 * r[2] / r[0] for r in runs[OURS_PG])
        print(
            f"  on PostgreSQL:              {on_pg:.0f} updates/s (median of {args.rounds}; "
            f"bot CPU {cost[OURS_PG]:.2f} ms/update"
            + (f", server CPU {server:.2f} ms/update)" if server else ")")
        )
        print(
            f"  PostgreSQL / SQLite:        {share:.2f}   (target >= 0.70; "
            f"rounds {min(rounds):.2f}-{max(rounds):.2f})"
        )
    if ECHO in runs:
        echo, settled = median[ECHO], median[SETTLED]
        ratios = [o[0] / e[0] for o, e in zip(runs[OURS], runs[ECHO], strict=True)]
        like_ratios = [o[0] / e[0] for o, e in zip(runs[OURS], runs[SETTLED], strict=True)]
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
        ok = ok and ours / echo >= 0.5
    for name, label in ((OURS, "SQLite"), (OURS_PG, "PostgreSQL")):
        if name not in runs:
            continue
        p50, p95, p99 = quantiles(latencies[name])
        print(
            f"latency at {args.rate:g} updates/s, {label + ':':11} p50 {p50:.1f} ms, "
            f"p95 {p95:.1f} ms, p99 {p99:.1f} ms   (target p99 < 50 ms; "
            f"{len(latencies[name])} replies)"
        )
        ok = ok and p99 < 50
    print("result:                       " + ("all targets met" if ok else "TARGETS MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--burst", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3, help="turns each bot takes")
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument(
        "--profile", metavar="FILE", help="record the bot with py-spy into FILE (.txt: raw)"
    )
    parser.add_argument("--paced", action="store_true", help="replies paced by SEND_RATE")
    backend = parser.add_mutually_exclusive_group()
    backend.add_argument("--database-url", metavar="URL", help="also run on this PostgreSQL")
    backend.add_argument("--postgres", action="store_true", help="... on a throwaway cluster")
    parser.add_argument("--pg-fast", action="store_true", help="that cluster with fsync off")
    parser.add_argument("--no-echo", action="store_true", help="skip the echo bot's turns")
    sys.exit(asyncio.run(main(parser.parse_args())))
