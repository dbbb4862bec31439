"""Benchmark: an office with 50 roadmaps, 1,500 activities, 2,000 coordinators and a year
of status reports.

    python bench/catalog.py [--runs 400] [--unsettled]

Loads the roadmaps into a fresh database the way the office does (a preview, then load,
one roadmap after another), seeds the coordinators and the year's reports with bulk SQL,
settles the garbage collector as the bot does on start (bot.telegram.runner.settle_heap;
--unsettled leaves Python's default, whose full collections of the 250,000 objects from
start-up add 200 ms pauses to the tails and to a reminder run), then measures `/my_items`
for a coordinator whose department executes in 10 roadmaps, fed as Telegram updates
through the real dispatcher, 20 a second (within the bot's send budget: faster, replies
wait for it), the reply going to an emulator on loopback; and planning a quarterly
reminder run. Prints the figures against the targets: /my_items p99 under 50 ms,
planning under 1 s. A missed target is printed as MISSED; the exit code is 0 either way.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from aiogram.types import Update

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._roadmaps import IN_ALL, TEN_ROADMAPS, department_id, generate  # noqa: E402
from bot.composition import Application, open_storage, prepare  # noqa: E402
from bot.domain.calendar import QUARTERLY  # noqa: E402
from bot.domain.periods import Quarter  # noqa: E402
from bot.domain.statuses import Status  # noqa: E402
from bot.sandbox.emulator import TelegramEmulator  # noqa: E402
from bot.services.roadmaps import Loaded  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.telegram.runner import settle_heap  # noqa: E402
from bot.telegram.views import Ui  # noqa: E402
from bot.telegram.views import items as item_views  # noqa: E402

YEAR = 2025  # the year of status reports; every generated roadmap runs in it
COORDINATORS = 2000
SPB_PER_COMMITTEE = 12  # coordinators of each Saint Petersburg committee
WATCHED = 900_001  # the coordinator in 10 roadmaps whose /my_items is measured
WIDEST = 900_002  # a coordinator of the committee in all 50 roadmaps
WIDEST_RUNS = 30
MY_ITEMS_P99 = 0.050
UPDATES_PER_SECOND = 20  # /my_items sent at most this often; SEND_RATE is 25 a second
PLANNING = 1.0


class FixedClock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    """p50, p95, p99 in milliseconds."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000


async def load_roadmaps(app: Application, roadmaps) -> list[float]:
    """Each roadmap as the office loads it: a preview, then load; seconds for each."""
    service = app.services.roadmaps
    took = []
    for roadmap in roadmaps:
        began = time.perf_counter()
        loaded = await service.load(service.preview(roadmap), admin_id=None)
        took.append(time.perf_counter() - began)
        assert isinstance(loaded, Loaded), loaded
    return took


def coordinators(app: Application, rng: random.Random) -> dict[str, list[int]]:
    """Department id -> its approved coordinators: a dozen for each Saint Petersburg
    committee, the rest spread over the regions' departments, 2,000 in all."""
    spb = [d.id for d in app.roadmap.departments if d.party == "spb"]
    regional = [d.id for d in app.roadmap.departments if d.party != "spb"]
    people: dict[str, list[int]] = {dep: [] for dep in spb + regional}
    user = 200_000
    watched = {department_id("spb", TEN_ROADMAPS), department_id("spb", IN_ALL)}
    for dep in spb:
        for _ in range(SPB_PER_COMMITTEE - (dep in watched)):
            people[dep].append(user := user + 1)
    people[department_id("spb", TEN_ROADMAPS)].append(WATCHED)
    people[department_id("spb", IN_ALL)].append(WIDEST)
    rest = COORDINATORS - sum(len(v) for v in people.values())
    for n in range(rest):
        dep = regional[n] if n < len(regional) else rng.choice(regional)
        people[dep].append(user := user + 1)
    return people


async def seed_people(app: Application, people: dict[str, list[int]]) -> None:
    await app.repo.seed_coordinators(
        [
            (uid, f"Координатор {uid}", "ru" if uid % 7 else "en", dep)
            for dep, uids in people.items()
            for uid in uids
        ]
    )


def year_of_reports(
    app: Application, people: dict[str, list[int]], now: datetime, rng: random.Random
) -> list[tuple[str, str, int, str, str, str]]:
    """A few reports a quarter on most (activity, department) pairs, from January to `now`;
    fewer in the quarter still running, and none after an activity is reported done."""
    ongoing = [s.value for s in Status if not s.final]
    done = next(s.value for s in Status if s.final)
    rows = []
    quarters = [datetime(YEAR, month, 1, tzinfo=UTC) for month in (1, 4, 7, 10)]
    for item in app.roadmap.items:
        for dep in item.departments():
            finished = False
            for n, start in enumerate(quarters):
                end = min(quarters[n + 1] if n < 3 else datetime(YEAR + 1, 1, 1, tzinfo=UTC), now)
                if finished or start >= end or rng.random() > (0.9 if n < 3 else 0.55):
                    continue
                span = int((end - start).total_seconds()) - 3600
                for moment in sorted(
                    start + timedelta(seconds=rng.randint(0, span))
                    for _ in range(rng.randint(1, 3))
                ):
                    finished = rng.random() < 0.04
                    rows.append(
                        (
                            item.code,
                            dep,
                            rng.choice(people[dep]),
                            done if finished else rng.choice(ongoing),
                            "Проведено совещание, подготовлены материалы; " * rng.randint(0, 3),
                            moment.isoformat(timespec="seconds"),
                        )
                    )
                    if finished:
                        break
    return rows


async def timed(runs: int, warmup: int, once: Callable[[], Awaitable[float]]) -> list[float]:
    for _ in range(warmup):
        await once()
    return [await once() for _ in range(runs)]


async def main(runs: int, settled: bool = True) -> int:
    # a reply Telegram rejects is counted in the table, not logged run after run
    logging.basicConfig(level=logging.CRITICAL)
    rng = random.Random(14)
    began = time.perf_counter()
    generated = generate()
    emulator = TelegramEmulator()
    await emulator.start()
    rows: list[tuple[str, str, object]] = []  # (figure, value, target or None / verdict)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            first = Path(tmp) / "roadmap.json"
            first.write_text(generated.roadmaps[0].to_json(), encoding="utf-8")
            settings = Settings(
                _env_file=None, database_path=Path(tmp) / "bench.sqlite3", roadmap_path=first
            )  # type: ignore[call-arg]
            clock = FixedClock(datetime(YEAR, 1, 1, tzinfo=UTC))
            app = await prepare(settings, emulator.token, api_base=emulator.api_base, clock=clock)
            try:
                loads = await load_roadmaps(app, generated.roadmaps[1:])
                catalog = app.roadmap
                counts = await app.repo.roadmap_counts()
                print(
                    f"roadmaps {len(catalog.entries)}, activities {len(catalog.items)}, "
                    f"departments {counts['departments']} "
                    f"({sum(d.party == 'spb' for d in catalog.departments)} of Saint Petersburg)"
                )
                # 10:00 in Saint Petersburg on the year's last quarterly reminder day
                [reminder_day] = [
                    o.on
                    for o in app.reminders.calendar.occasions(YEAR)
                    if o.kind == QUARTERLY and o.period == Quarter(YEAR, 4)
                ]
                clock.moment = datetime.combine(reminder_day, datetime.min.time(), UTC).replace(
                    hour=7
                )
                people = coordinators(app, rng)
                await seed_people(app, people)
                reports = year_of_reports(app, people, clock.moment, rng)
                seeding = time.perf_counter()
                await app.repo.seed_reports(reports)
                seeding = time.perf_counter() - seeding
                print(
                    f"coordinators {sum(len(v) for v in people.values())}, status reports "
                    f"{len(reports)} (inserted in {seeding:.2f} s), today {clock.moment:%Y-%m-%d}"
                )
                del reports
                if settled:  # the bot's garbage-collector setting, as run_bot makes it
                    settle_heap()
                print(f"garbage collector: {'settled, as the bot runs' if settled else 'default'}")
                rows += loading_rows(loads)
                rows += await my_items_rows(app, emulator, WATCHED, runs, target=True)
                # the office's own committee executes in every roadmap: no target, for scale
                rows += await my_items_rows(app, emulator, WIDEST, WIDEST_RUNS, target=False)
                rows += await planning_rows(app, reminder_day)
                rows += await restart_rows(settings, clock)
            finally:
                await app.close()
    finally:
        await emulator.stop()
    print()
    print(f"{'figure':<44} {'value':>16}   target")
    for figure, value, target in rows:
        print(f"{figure:<44} {value:>16}   {target or ''}")
    print(
        f"\nbench time {time.perf_counter() - began:.0f} s on {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f} (other work on the machine moves the tails)"
    )
    return 0


def verdict(target: str, met: bool) -> str:
    return target + ("   ok" if met else "   MISSED")


def loading_rows(loads: list[float]) -> list[tuple[str, str, object]]:
    return [
        (f"load {len(loads)} roadmaps, one after another", f"{sum(loads):.2f} s", None),
        ("  the first (1 already loaded)", f"{loads[0] * 1000:.0f} ms", None),
        ("  the last (49 already loaded)", f"{loads[-1] * 1000:.0f} ms", None),
    ]


async def my_items_rows(
    app: Application, emulator: TelegramEmulator, user: int, runs: int, *, target: bool
) -> list[tuple[str, str, object]]:
    """/my_items for `user`: through the dispatcher, from the update to the reply sent; and
    the service and the view alone."""
    emulator.add_user(user, "Координатор", "ru")
    bot, dp = app.bot, app.dp

    spacing = 1 / UPDATES_PER_SECOND
    due = time.perf_counter()

    async def answer() -> float:
        nonlocal due
        # within the bot's send budget: faster, replies would wait for it (bot.telegram.pacing)
        # and the figures would be the budget's, not /my_items'
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        due = time.perf_counter() + spacing
        update_id = emulator.send_text(user, "/my_items")
        update = Update.model_validate(emulator.history[update_id], context={"bot": bot})
        began = time.perf_counter()
        await dp.feed_update(bot, update)
        return time.perf_counter() - began

    warmup = min(20, runs // 10)
    before = len(emulator.errors())
    handled = await timed(runs, warmup, answer)
    rejected = [r.error for r in emulator.errors()[before:] if r.error]
    reply = emulator.last_to(user)
    _, viewer = await app.services.people.identify(user, "Координатор", None, None, "ru")
    mine = await app.services.items.my_items(viewer)
    ui = Ui(app.translator.for_locale("ru"), app.roadmap, viewer.zone)

    async def service() -> float:
        began = time.perf_counter()
        await app.services.items.my_items(viewer)
        return time.perf_counter() - began

    async def view() -> float:
        began = time.perf_counter()
        item_views.my_items(ui, mine)
        return time.perf_counter() - began

    p50, p95, p99 = percentiles(handled)
    s50, _, s99 = percentiles(await timed(runs, warmup, service))
    v50, _, v99 = percentiles(await timed(runs, warmup, view))
    goal = verdict("< 50 ms", p99 < MY_ITEMS_P99 * 1000) if target else "(no target)"
    answered = (
        (
            "  replies Telegram REJECTED",
            f"{len(rejected)} of {runs + warmup}",
            rejected[0].description,
        )
        if rejected
        else ("  the reply's first page", f"{len(reply.text)} chars", "≤ ~1,500 chars")
    )
    items = app.services.items.own_items(viewer)
    return [
        (
            f"/my_items: {len(items)} activities in {len({i.roadmap for i in items})} roadmaps",
            "",
            None,
        ),
        answered,
        (
            f"  update → reply sent, p50 ({runs} runs, {UPDATES_PER_SECOND}/s)",
            f"{p50:.1f} ms",
            None,
        ),
        ("  p95", f"{p95:.1f} ms", None),
        ("  p99", f"{p99:.1f} ms", goal),
        ("  ItemService.my_items alone, p50 / p99", f"{s50:.1f} / {s99:.1f} ms", None),
        ("  the view alone, p50 / p99", f"{v50:.1f} / {v99:.1f} ms", None),
    ]


async def planning_rows(app: Application, day: date) -> list[tuple[str, str, object]]:
    """A dry run of the quarterly reminders, three times (the figures of the last)."""
    for _ in range(3):
        began = time.perf_counter()
        summary = await app.reminders.run(dry_run=True, on_date=day)
        wall = time.perf_counter() - began
    return [
        (f"quarterly reminders on {day}", f"{len(summary.outgoing)} to send", None),
        (
            "  planning (summary.planning_seconds)",
            f"{summary.planning_seconds * 1000:.0f} ms",
            verdict("< 1 s", summary.planning_seconds < PLANNING),
        ),
        ("  dry run, wall time", f"{wall * 1000:.0f} ms", None),
    ]


async def restart_rows(settings: Settings, clock: FixedClock) -> list[tuple[str, str, object]]:
    """Opening the storage again, as the bot does on start with 50 roadmaps stored."""
    began = time.perf_counter()
    _, db, _ = await open_storage(settings, clock)
    took = time.perf_counter() - began
    await db.close()
    return [("start-up: roadmaps and storage ready", f"{took * 1000:.0f} ms", None)]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=400, help="/my_items runs measured")
    parser.add_argument(
        "--unsettled",
        action="store_true",
        help="leave the garbage collector at Python's default (the bot settles it on start)",
    )
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.runs, settled=not args.unsettled)))
