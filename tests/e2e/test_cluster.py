"""Two replicas of the bot, as processes, behind a webhook, sharing PostgreSQL and Redis.

The test is Telegram: it posts each update to one replica at random (sometimes to both at
once, a retried delivery reaching the other replica), one chat's updates one after another,
many chats side by side, and posts again whatever got no 200 (to a replica still up). Midway
through a burst of status reports one replica is killed with SIGKILL while it is handling
updates. Every report is saved once, every notice to the other side reaches each of its
readers once, a dialog begun on the dead replica is finished on the other, and the reminder
tick's lease moves to the survivor. A reminder run is going out meanwhile, begun by the
replica that is killed: the survivor, taking the tick over, sends the rest, and everyone
reminded gets each reminder once.

Each replica reaches Telegram through a line of its own (`Line`, a pass-through proxy to
the emulator). Just before the kill the dead-to-be replica's line is held: its handlers
stall mid-update, waiting for Telegram, so the kill lands inside them; and no notice it sent
is left accepted by Telegram but not yet recorded sent (the one gap no sender can close, see
bot/telegram/outbox.py; not what this test is about).
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import random
import socket
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from bot.domain.catalog import Catalog, RoadmapEntry
from bot.domain.roadmap import Item, load_roadmap
from bot.sandbox.emulator import TelegramEmulator
from bot.sandbox.emulator.server import SentMessage
from bot.scheduler import LEASE
from storage import Repository, open_database
from storage.db import Store
from tests.conftest import ROADMAP_JSON, ROOT
from tests.e2e.process import bot_env
from tests.servers import PostgresServer, free_port

pytestmark = pytest.mark.slow

SECRET = "cluster-webhook-secret_0123456789"
HOOK = "/tg/hook"
LEADER_LEASE = 3  # seconds; renewed every second
QUICK_REPORTERS = 30  # one-message reports, one each
DIALOG_REPORTERS = 4  # reports made in a dialog, on 4.2
BOTH = 0.3  # the share of updates delivered to both replicas at once
ROADMAP = load_roadmap(ROADMAP_JSON)


# --- the people -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Report:
    user_id: int
    item: Item
    comment: str


def quick_reports() -> list[Report]:
    """One report from each of QUICK_REPORTERS St Petersburg coordinators, on the activities
    in turn (so each Tomsk reader gets at most nine notices: one a second per chat)."""
    return [
        Report(3000 + n, item, f"кластер {3000 + n}: шаг {n}")
        for n, item in enumerate(
            ROADMAP.items[k % len(ROADMAP.items)] for k in range(QUICK_REPORTERS)
        )
    ]


DIALOG_ITEM = ROADMAP.item("4.2")
assert DIALOG_ITEM is not None
DIALOGS = [Report(3500 + n, DIALOG_ITEM, f"диалог {3500 + n}") for n in range(DIALOG_REPORTERS)]
LATE = Report(3900, DIALOG_ITEM, "после аварии")  # sent to the survivor at the end
REMINDED = 200  # coordinators owed the annual reminder that falls due as the test starts


def reminded() -> list[tuple[int, str, str, str]]:
    """(user id, name, language, department): coordinators of every department in turn,
    who write nothing and are only reminded."""
    departments = sorted({d for i in ROADMAP.items for d in i.departments()})
    return [
        (6000 + n, f"Напоминание {6000 + n}", "ru", departments[n % len(departments)])
        for n in range(REMINDED)
    ]


def reminders_due_now() -> dict[str, str]:
    """Settings under which the annual reminder falls due today (UTC), at midnight local
    time, in every zone: the due date tomorrow, the reminder one day before it."""
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    return {
        "ANNUAL_REPORT_DUE": tomorrow.strftime("%m-%d"),
        "ANNUAL_REMINDER_DAYS": "1",
        "REMINDER_HOUR": "0",
    }


def readers() -> dict[str, int]:
    """One Tomsk coordinator (who gets the notices) for each Tomsk department."""
    tomsk = sorted({d for i in ROADMAP.items for d in i.executors.get("tomsk", [])})
    return {department: 4000 + n for n, department in enumerate(tomsk)}


async def prepare(url: str) -> None:
    """The roadmap, prolonged to next year (the test runs on the real clock); the
    coordinators, approved; reminders paused for all but the reminded, so none lands in a
    chat where the test counts notices."""
    db = await open_database(url)
    try:
        repo = Repository(db)
        next_year = date.today().year + 1
        await repo.store_roadmap(1, ROADMAP, source="file", active_until=next_year)
        await repo.sync_roadmap(Catalog([RoadmapEntry(1, ROADMAP, next_year)]))
        people = [
            (r.user_id, f"Отчёт {r.user_id}", "ru", r.item.executors["spb"][0])
            for r in [*quick_reports(), *DIALOGS, LATE]
        ]
        people += [(uid, f"Томск {uid}", "ru", dep) for dep, uid in readers().items()]
        await repo.seed_coordinators(people)
        for uid, *_ in people:
            await repo.set_user_setting(uid, "reminders_paused_until", f"{next_year}-12-31")
        await repo.seed_coordinators(reminded())
        for uid, *_ in reminded():  # their chats hold reminders only
            await repo.set_user_setting(uid, "notify_counterpart", False)
    finally:
        await db.close()


# --- the replicas and their lines to Telegram ---------------------------------------------


class Line:
    """A replica's line to Telegram: passes its Bot API calls to the emulator. `hold()`
    makes calls wait before they reach Telegram; `cut()` drops the waiting ones."""

    def __init__(self, emulator: TelegramEmulator) -> None:
        self.target = emulator.api_base
        self._open = asyncio.Event()
        self._open.set()
        self.cut_off = False
        self.waiting = 0  # calls held
        self.passing = 0  # calls on their way to Telegram and back
        self._runner: web.AppRunner | None = None
        self._http: aiohttp.ClientSession | None = None
        self.url = ""

    async def start(self) -> None:
        self._http = aiohttp.ClientSession()
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._forward)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        self.cut()
        if self._runner is not None:
            await self._runner.cleanup()
        if self._http is not None:
            await self._http.close()

    def hold(self) -> None:
        self._open.clear()

    def cut(self) -> None:
        self.cut_off = True
        self._open.set()

    async def _forward(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.waiting += 1
        try:
            await self._open.wait()
        finally:
            self.waiting -= 1
        if self.cut_off:
            raise web.HTTPBadGateway()
        assert self._http is not None
        self.passing += 1
        try:
            headers = {"Content-Type": request.headers.get("Content-Type", "")}
            async with self._http.request(
                request.method, self.target + request.path_qs, data=body, headers=headers
            ) as answer:
                payload = await answer.read()
                kind = answer.headers.get("Content-Type", "application/json")
                return web.Response(
                    body=payload, status=answer.status, headers={"Content-Type": kind}
                )
        finally:
            self.passing -= 1


@dataclass(slots=True)
class Replica:
    name: str
    port: int
    line: Line
    process: asyncio.subprocess.Process
    log: Path
    dead: bool = False
    in_flight: int = 0  # webhook requests posted, not answered

    @property
    def hook(self) -> str:
        return f"http://127.0.0.1:{self.port}{HOOK}"


async def start_replica(
    name: str, emulator: TelegramEmulator, database: str, redis: str, folder: Path
) -> Replica:
    line = Line(emulator)
    await line.start()
    port = free_port()
    env = bot_env(emulator, folder / "unused.sqlite3") | {
        "TELEGRAM_API_URL": line.url,
        "DATABASE_URL": database,
        "REDIS_URL": redis,
        "WEBHOOK_URL": f"https://bot.example.org{HOOK}",
        "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
        "LEADER_LEASE_SECONDS": str(LEADER_LEASE),
        "PYTHONPATH": str(ROOT),
        **reminders_due_now(),
    }
    log = folder / f"{name}.log"
    with log.open("wb") as err:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=folder, env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=err,
        )  # fmt: skip
    replica = Replica(name, port, line, process, log)
    deadline = time.monotonic() + 30
    while not listening(port):
        if process.returncode is not None or time.monotonic() > deadline:
            raise AssertionError(f"replica {name} did not start: {log.read_text()[-2000:]}")
        await asyncio.sleep(0.05)
    return replica


def listening(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
        return True
    return False


# --- Telegram's side: webhook delivery -----------------------------------------------------


@dataclass(slots=True)
class Telegram:
    """Posts updates as Telegram's webhook delivery does: to the load balancer, which picks
    a replica that is up; again (to any) until one answers 200."""

    emulator: TelegramEmulator
    replicas: list[Replica]
    http: aiohttp.ClientSession
    rng: random.Random
    redelivered: int = 0
    cut_short: int = 0  # posts that got no answer at all: their replica died under them
    posted: Counter = field(default_factory=Counter)

    async def post(self, replica: Replica, update: dict) -> bool:
        if replica.dead:
            return False
        replica.in_flight += 1
        self.posted[replica.name] += 1
        try:
            async with self.http.post(
                replica.hook,
                json=update,
                headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
                timeout=aiohttp.ClientTimeout(total=60),
            ) as response:
                return response.status == 200
        except (aiohttp.ClientError, TimeoutError):
            self.cut_short += 1
            return False
        finally:
            replica.in_flight -= 1

    async def deliver(self, update_id: int, to: Replica | None = None) -> None:
        update = self.emulator.history[update_id]
        self.emulator.pending.remove(update)  # nobody polls: it comes by webhook
        deadline = time.monotonic() + 30
        first = True
        while True:
            up = [r for r in self.replicas if not r.dead]
            if first and to is not None and not to.dead:
                targets = [to]
            elif first and len(up) > 1 and self.rng.random() < BOTH:
                targets = self.rng.sample(up, 2)  # a retry reached the other replica
            else:
                targets = [self.rng.choice(up)]
            attempts = [self.post(targets[0], update)]
            if len(targets) > 1:
                attempts.append(self._later(self.rng.random() * 0.05, targets[1], update))
            if any(await asyncio.gather(*attempts)):
                return
            first = False
            self.redelivered += 1
            assert time.monotonic() < deadline, f"update {update_id} was never taken"
            await asyncio.sleep(0.3)

    async def _later(self, delay: float, replica: Replica, update: dict) -> bool:
        await asyncio.sleep(delay)
        return await self.post(replica, update)


def with_button(emulator: TelegramEmulator, user_id: int, label: str) -> SentMessage:
    for message in reversed(emulator.sent_to(user_id)):
        if not message.deleted and any(label in b["text"] for b in message.buttons()):
            return message
    raise AssertionError(f"no message to {user_id} with {label!r}: {emulator.sent_to(user_id)}")


def tap(emulator: TelegramEmulator, user_id: int, label: str) -> int:
    message = with_button(emulator, user_id, label)
    return emulator.click(user_id, message.message_id, message.button(label)["callback_data"])


# --- the test -----------------------------------------------------------------------------


async def lease_holder(db: Store) -> int | None:
    """The process id of the reminder tick's leader, if its lease still runs."""
    row = await db.fetchone(
        "SELECT holder FROM leases WHERE name = ? AND until > CURRENT_TIMESTAMP", (LEASE,)
    )
    return int(row[0].split(":")[1]) if row else None


async def wait_for(check: Callable[[], object], seconds: float, what: str) -> None:
    """Until `check()` (awaited if it must be) is true."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        await asyncio.sleep(0.1)


async def leads(db: Store, replica: Replica) -> bool:
    return await lease_holder(db) == replica.process.pid


async def test_two_replicas_one_killed_mid_burst_lose_and_repeat_nothing(
    emulator: TelegramEmulator, postgres: PostgresServer, redis_url: str, tmp_path: Path
) -> None:
    began = time.monotonic()
    database = postgres.create_database(template=postgres.template)
    await prepare(database)
    db = await open_database(database)  # the test's own look at the shared database
    for uid, name, language, _ in reminded():
        emulator.add_user(uid, name, language)
    one = await start_replica("one", emulator, database, redis_url, tmp_path)
    two: Replica | None = None
    try:
        # the first up leads the reminder tick
        await wait_for(lambda: leads(db, one), 10, "the first replica up leads")
        two = await start_replica("two", emulator, database, redis_url, tmp_path)
        replicas = [one, two]
        async with aiohttp.ClientSession() as http:
            telegram = Telegram(emulator, replicas, http, random.Random(15))
            takeover = await burst_with_a_kill(telegram, emulator, one, two, db)
            # the lease moved to the survivor once the dead one's had run out
            assert await takeover < LEADER_LEASE * 2 + 1
            await check_everything_once(telegram, emulator, db, two)
            await check_reminded_once(emulator, db)
        assert telegram.cut_short > 0, "the kill should have cut updates short"
        for replica in replicas:
            log = replica.log.read_text()
            assert "Traceback" not in log or replica is one, log[-3000:]
    finally:
        for started in (one, two):
            if started is not None:
                if started.process.returncode is None:
                    started.process.kill()
                await started.process.wait()
                await started.line.stop()
        await db.close()
    assert time.monotonic() - began < 60


async def burst_with_a_kill(
    telegram: Telegram, emulator: TelegramEmulator, one: Replica, two: Replica, db: Store
) -> asyncio.Task[float]:
    """The reports, `one` killed midway; the seconds from the kill until `two` leads."""
    quick = quick_reports()
    for report in [*quick, *DIALOGS, LATE]:
        emulator.add_user(report.user_id, f"Отчёт {report.user_id}", "ru")
    for uid in readers().values():
        emulator.add_user(uid, f"Томск {uid}", "ru")
    killed = asyncio.Event()
    dialogs_begun = asyncio.Event()
    begun = 0
    taken = 0  # quick reports answered 200

    async def report_quickly(report: Report, pause: float) -> None:
        await asyncio.sleep(pause)
        nonlocal taken
        text = f"/update {report.item.code} выполняется: {report.comment}"
        await telegram.deliver(emulator.send_text(report.user_id, text))
        taken += 1

    async def report_in_a_dialog(report: Report) -> None:
        nonlocal begun
        user = report.user_id
        await telegram.deliver(emulator.send_text(user, f"/update {report.item.code}"), to=one)
        await telegram.deliver(tap(emulator, user, "Выполнено"), to=two)
        begun += 1
        if begun == len(DIALOGS):
            dialogs_begun.set()
        await killed.wait()  # the replica that began it is gone
        await telegram.deliver(emulator.send_text(user, report.comment))
        await telegram.deliver(tap(emulator, user, "Подтвердить"))

    async def takeover(killed_at: float) -> float:
        await wait_for(lambda: leads(db, two), 10, "the survivor leads")
        return time.monotonic() - killed_at

    async def kill_midway() -> asyncio.Task[float]:
        await dialogs_begun.wait()
        third = len(quick) // 3
        await wait_for(lambda: taken >= third and one.in_flight > 0, 10, "a third reported")
        one.line.hold()  # its handlers now wait for Telegram, mid-update
        await wait_for(lambda: one.line.waiting > 0 and one.line.passing == 0, 5, "one held")
        await wait_for(lambda: all_sent_recorded(emulator, db), 5, "notices recorded")
        await wait_for(lambda: reminders_recorded(emulator, db), 5, "reminders recorded")
        await wait_for(lambda: one.in_flight > 0, 5, "updates in flight on one")  # they stay
        assert 0 < taken < len(quick), "the kill comes mid-burst"
        sent_before = len(reminders_taken(emulator))
        assert 0 < sent_before < REMINDED, "the kill comes mid-way through the reminder run"
        one.process.kill()
        await one.process.wait()
        one.dead = True
        one.line.cut()
        # What the dead replica had claimed and not sent is another's once the claims'
        # lease (10 minutes) runs out: the test moves that on rather than wait, before the
        # survivor takes the tick over (the leader's lease runs a few seconds more).
        await db.write(
            lambda conn: conn.execute(
                "UPDATE reminder_log SET claimed_at = ? WHERE state = 'claimed'",
                ((datetime.now(UTC) - timedelta(hours=1)).isoformat(timespec="seconds"),),
            )
        )
        killed.set()
        return asyncio.create_task(takeover(time.monotonic()))

    rng = random.Random(4)
    killing = asyncio.create_task(kill_midway())
    await asyncio.gather(
        killing,
        *(report_in_a_dialog(r) for r in DIALOGS),
        *(report_quickly(r, rng.random() * 3) for r in quick),
    )
    return killing.result()


async def all_sent_recorded(emulator: TelegramEmulator, db: Store) -> bool:
    """Every notice Telegram has taken is recorded sent (none in the gap between)."""
    taken = Counter((m.chat_id, m.html) for m in list(emulator.messages.values()))
    rows = await db.fetchall("SELECT chat_id, text FROM outbox WHERE state = 'sent'")
    recorded = Counter((r[0], r[1]) for r in rows)
    notices = {key for key in taken if key[0] in set(readers().values())}
    return all(recorded[key] >= taken[key] for key in notices)


def reminders_taken(emulator: TelegramEmulator) -> Counter:
    """Messages Telegram has taken for each reminded person (reminders: they write nothing)."""
    ids = {uid for uid, *_ in reminded()}
    return Counter(m.chat_id for m in list(emulator.messages.values()) if m.chat_id in ids)


async def reminder_log(db: Store) -> list:
    """(user id, state) of the reminded's reminders: claimed, sent or failed (not those
    logged as skipped, which fell due long before the test)."""
    ids = [uid for uid, *_ in reminded()]
    return await db.fetchall(
        f"SELECT user_id, state FROM reminder_log WHERE state != 'skipped' "
        f"AND user_id IN ({','.join('?' * len(ids))})",
        ids,
    )


async def reminders_recorded(emulator: TelegramEmulator, db: Store) -> bool:
    """Every reminder Telegram has taken is recorded sent (none in the gap between)."""
    recorded = Counter(r[0] for r in await reminder_log(db) if r[1] == "sent")
    return all(recorded[uid] >= n for uid, n in reminders_taken(emulator).items())


async def check_reminded_once(emulator: TelegramEmulator, db: Store) -> None:
    """Everyone owed the reminder got it, the survivor sending what the dead replica had
    not (its claims included), and nobody twice."""

    async def all_sent() -> bool:
        rows = await reminder_log(db)
        return {r[0] for r in rows} == {uid for uid, *_ in reminded()} and all(
            r[1] == "sent" for r in rows
        )

    await wait_for(all_sent, 20, "every reminder sent")
    await asyncio.sleep(1.0)  # anything sent twice would be on its way by now
    sent = Counter(r[0] for r in await reminder_log(db))
    assert reminders_taken(emulator) == sent  # one message for each reminder logged sent


async def check_everything_once(
    telegram: Telegram, emulator: TelegramEmulator, db: Store, survivor: Replica
) -> None:
    quick = quick_reports()
    reports = [*quick, *DIALOGS]

    async def saved() -> Counter:
        rows = await db.fetchall("SELECT comment FROM status_updates")
        return Counter(r[0] for r in rows)

    async def all_saved() -> bool:
        return set(await saved()) >= {r.comment for r in reports}

    await wait_for(all_saved, 10, "every report saved")
    # The dead replica's claimed notices are the survivor's once their lease (2 minutes)
    # runs out: the test moves that on rather than wait. The survivor is the only sender
    # left, and it claims a new batch only once its own is sent.
    await db.write(
        lambda conn: conn.execute(
            "UPDATE outbox SET next_try_at = CURRENT_TIMESTAMP WHERE state = 'pending'"
        )
    )
    # a late report wakes the survivor's outbox, as any new notice would
    late = f"/update {LATE.item.code} выполняется: {LATE.comment}"
    await telegram.deliver(emulator.send_text(LATE.user_id, late), to=survivor)
    reports.append(LATE)

    expected: Counter = Counter()
    for report in reports:
        for department in report.item.executors.get("tomsk", []):
            expected[(readers()[department], report.comment)] += 1

    def delivered() -> Counter:
        found: Counter = Counter()
        for message in list(emulator.messages.values()):
            for report in reports:
                if message.chat_id in set(readers().values()) and report.comment in message.text:
                    found[(message.chat_id, report.comment)] += 1
        return found

    async def all_delivered() -> bool:
        return set(delivered()) >= set(expected)

    await wait_for(all_delivered, 15, "every notice delivered")
    await asyncio.sleep(1.5)  # anything sent twice would be on its way by now
    assert delivered() == expected
    counts = await saved()
    assert {r.comment: counts[r.comment] for r in reports} == {r.comment: 1 for r in reports}
    unanswered = [
        r.user_id
        for r in reports
        if not any("Сохранено" in m.text for m in emulator.sent_to(r.user_id))
    ]
    assert unanswered == [], "a report saved, its update cut short, and never answered"
