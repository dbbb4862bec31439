"""`python -m bot remind` as the office's cron runs it: which database, a dry run that shows
the messages, the next reminder's date, and a real run that sends each reminder once."""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.cli import CliError, main
from bot.cli.remind import run_remind
from bot.composition import open_storage
from bot.domain.people import AuditRecord
from bot.sandbox.emulator import TelegramEmulator
from tests.conftest import ADMIN_ID, ROADMAP_JSON, ROOT, FakeClock, make_settings

CULTURE_SPB = "spb-9cdf3d"
CULTURE_TOMSK = "tomsk-d8cd4d"
SCIENCE_SPB = "spb-48d378"
COORDINATORS = [
    (1001, "Анна", "ru", CULTURE_SPB),
    (1003, "Peter", "en", CULTURE_TOMSK),
    (1004, "Борис", "ru", SCIENCE_SPB),
]


async def seed(path: Path) -> None:
    """The bot's database with three coordinators (two in Russian, one in English) and the
    admin, as the bot leaves it after they have joined."""
    settings = make_settings(path.parent, database_path=path)
    _, db, repo = await open_storage(settings, FakeClock())
    try:
        await repo.touch_user(ADMIN_ID, "Ольга", None, None, "ru")
        for user_id, name, language, dep in COORDINATORS:
            await repo.touch_user(user_id, name, None, None, language)
            audit = AuditRecord(user_id, "membership.join", user_id, dep)
            await repo.request_membership(user_id, dep, True, audit)
    finally:
        await db.close()


@pytest.fixture
async def database(tmp_path: Path) -> Path:
    path = tmp_path / "office" / "bot.sqlite3"
    path.parent.mkdir()
    await seed(path)
    return path


def logged(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT user_id, kind, period, state FROM reminder_log").fetchall()


def cli_env(**extra: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "ROADMAP_PATH": str(ROADMAP_JSON),
        "ADMIN_IDS": str(ADMIN_ID),
        **extra,
    }


def remind(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`python -m bot remind ...` run from `cwd` (no .env there), as cron runs it: in this
    process, with its own environment and output (a new interpreter takes ~5 s to import
    aiogram; the tests that need a real process start one below)."""
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    root = logging.getLogger()
    saved_log = (root.handlers[:], root.level)
    out, err = io.StringIO(), io.StringIO()
    try:
        os.environ.clear()
        os.environ.update(cli_env(**env))
        os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(["remind", *args])
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)
        root.handlers[:], _ = saved_log
        root.setLevel(saved_log[1])
    return subprocess.CompletedProcess(["remind", *args], code, out.getvalue(), err.getvalue())


def remind_process(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`python -m bot remind ...` in a process of its own, from `cwd`."""
    return subprocess.run(
        [sys.executable, "-m", "bot", "remind", *args],
        cwd=cwd,
        env=cli_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )


async def remind_async(cwd: Path, *args: str, **env: str) -> tuple[int, str, str]:
    """The same, without blocking the event loop the emulator answers on."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "remind",
        *args,
        cwd=cwd,
        env=cli_env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode or 0, out.decode(), err.decode()


def test_a_missing_database_is_refused_and_not_created(tmp_path: Path):
    result = remind_process(tmp_path, "--dry-run")
    default = tmp_path / "data" / "bot.sqlite3"
    assert result.returncode != 0
    assert result.stderr.startswith(f"error: the database {default} does not exist.")
    assert "--db PATH" in result.stderr and "DATABASE_PATH" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not (tmp_path / "data").exists()

    elsewhere = tmp_path / "backup" / "bot.sqlite3"
    result = remind(tmp_path, "--db", str(elsewhere), "--date", "2021-03-21")
    assert result.returncode != 0
    assert f"the database {elsewhere} does not exist" in result.stderr
    assert not elsewhere.parent.exists()

    result = remind(tmp_path, "--dry-run", DATABASE_PATH=str(elsewhere))  # from .env too
    assert result.returncode != 0 and str(elsewhere) in result.stderr
    assert not elsewhere.parent.exists()

    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    result = remind(tmp_path, "--db", str(empty), "--dry-run")
    assert result.returncode != 0 and "is an empty file" in result.stderr
    assert empty.stat().st_size == 0


def test_a_missing_database_is_refused_by_the_run_itself(tmp_path: Path):
    settings = make_settings(tmp_path)
    with pytest.raises(CliError, match="does not exist"):
        asyncio.run(run_remind(settings, None, date(2021, 3, 21), dry_run=True))
    assert list(tmp_path.iterdir()) == []


async def test_another_days_reminders_are_sent_only_with_force(tmp_path: Path):
    database = tmp_path / "bot.sqlite3"
    await seed(database)
    result = remind(tmp_path, "--db", str(database), "--date", "2021-03-21")
    assert result.returncode == 2
    assert result.stderr.startswith("error: --date 2021-03-21 is not today")
    assert "--force" in result.stderr and logged(database) == []


def test_bad_arguments_get_a_usage_line(tmp_path: Path):
    for args in (["--date", "tomorrow"], ["--date", "2021-02-30"], ["--when"], ["--db"]):
        result = remind(tmp_path, *args)
        assert result.returncode == 2, args
        assert result.stderr.startswith("usage: python -m bot remind"), args
        assert "Traceback" not in result.stderr
    assert (
        "'tomorrow' is not a date: expected YYYY-MM-DD"
        in remind(tmp_path, "--date", "tomorrow").stderr
    )


def test_a_dry_run_shows_the_messages_in_each_language_and_records_nothing(
    tmp_path: Path, database: Path
):
    result = remind(tmp_path, "--db", str(database), "--date", "2021-03-21", "--dry-run")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "2021-03-21 (dry run)",
        f"database: {database}",
        "falls due on 2021-03-21: quarterly reminder for 2021-Q1",
    ]
    ru = lines.index("=== quarterly 2021-Q1, ru: the message to Анна (1001), one of 2 ===")
    en = lines.index("=== quarterly 2021-Q1, en: the message to Peter (1003) ===")
    assert lines[en + 1].startswith("⏰ The quarter ends on 31.03.2021.")
    assert lines[ru + 1].startswith("⏰ Квартал заканчивается 31.03.2021. За 1 кв. 2021")
    recipients = lines.index("recipients: quarterly 2021-Q1: 3 (en 1, ru 2)")
    assert en < ru < recipients  # the samples, then how many get each
    sample = "\n".join(lines[ru:recipients])
    assert "4.1 " in sample and "[ ✍️ 4.2 …библиотеками, подведомственн… ]" in sample
    assert "<b>" not in result.stdout and "&quot;" not in result.stdout
    assert "  1004 Борис: quarterly 2021-Q1: " in result.stdout
    assert lines[-1] == "dry run: no reminder was sent or recorded"
    assert logged(database) == []


async def test_a_dry_run_of_the_year_end_round(tmp_path: Path, database: Path):
    settings = make_settings(tmp_path, database_path=database)
    lines = await run_remind(settings, None, date(2021, 11, 30), dry_run=True)
    text = "\n".join(lines)
    assert "=== yearend 2021, ru: the message to Анна (1001), one of 2 ===" in lines
    assert "=== yearend 2021, en: the message to Peter (1003) ===" in lines
    assert "[ ▶️ Проверить итоги ]" in lines and "[ ▶️ Check the texts ]" in lines
    assert "📝 Итоги 2021 года для годового отчёта (срок 20.12.2021)" in text
    assert "recipients: yearend 2021: 3 (en 1, ru 2)" in lines
    assert logged(database) == []


async def test_a_dry_run_of_the_overdue_day(tmp_path: Path, database: Path):
    settings = make_settings(tmp_path, database_path=database)
    lines = await run_remind(settings, None, date(2021, 12, 21), dry_run=True)
    assert lines[2] == (
        "falls due on 2021-12-21: the office's digest for 2021 (to the admins); "
        "overdue reminder for 2021 (the annual report was due 20.12.2021); "
        "quarterly reminder for 2021-Q4"
    )
    assert "=== digest 2021, ru: the message to Ольга (1) ===" in lines
    assert "=== overdue 2021, en: the message to Peter (1003) ===" in lines
    assert "recipients: digest 2021: 1 (ru 1); overdue 2021: 3 (en 1, ru 2)" in lines
    assert "superseded (owed two the same day, one gets only the most urgent): 3" in lines
    assert logged(database) == []


async def test_no_reminder_today_says_when_the_next_one_falls(tmp_path: Path, database: Path):
    settings = make_settings(tmp_path, database_path=database)
    clock = FakeClock(datetime(2021, 3, 22, 7, tzinfo=UTC))  # no --date: today, in Moscow
    lines = await run_remind(settings, None, None, dry_run=True, clock=clock)
    assert lines[:4] == [
        "2021-03-22 (dry run)",
        f"database: {database}",
        "no reminder falls due on 2021-03-22",
        "next reminder: 2021-06-20: quarterly reminder for 2021-Q2",
    ]
    assert "recipients: none" in lines and not any(line.startswith("===") for line in lines)

    lines = await run_remind(settings, None, date(2021, 11, 25), dry_run=True)
    assert (
        "next reminder: 2021-11-30: year-end round for 2021 "
        "(coordinators confirm the annual report's texts)"
    ) in lines

    lines = await run_remind(settings, None, date(2022, 12, 22), dry_run=True)
    assert (
        "no reminder falls due after 2022-12-22 within the roadmaps' years "
        "(2020-2022; /roadmaps in the bot extends them)"
    ) in lines

    lines = await run_remind(settings, None, date(2019, 6, 1), dry_run=True)
    assert lines[2].startswith("note: the roadmaps run 2020-2022")
    assert "next reminder: 2020-03-21: quarterly reminder for 2020-Q1" in lines
    assert logged(database) == []


def test_the_next_reminder_from_the_command_line(tmp_path: Path, database: Path):
    result = remind(tmp_path, "--date", "2021-04-01", "--dry-run", DATABASE_PATH=str(database))
    assert result.returncode == 0, result.stderr
    assert f"database: {database}" in result.stdout
    assert "next reminder: 2021-06-20: quarterly reminder for 2021-Q2" in result.stdout


async def test_a_real_run_sends_each_reminder_once(
    tmp_path: Path, database: Path, emulator: TelegramEmulator
):
    for user_id, name, language, _ in COORDINATORS:
        emulator.add_user(user_id, name, language)
    env = {"BOT_TOKEN": emulator.token, "TELEGRAM_API_URL": emulator.api_base}
    args = ("--db", str(database), "--date", "2021-03-21", "--force")  # a day long past
    code, out, err = await remind_async(tmp_path, *args, **env)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[:2] == ["2021-03-21", f"database: {database}"]
    assert "recipients: quarterly 2021-Q1: 3 (en 1, ru 2)" in lines
    assert "sent: sent 3" in lines
    assert not any(line.startswith("===") for line in lines)  # samples are for dry runs
    [anna] = emulator.sent_to(1001)
    assert anna.text.startswith("⏰ Квартал заканчивается 31.03.2021")
    assert emulator.sent_to(1003)[0].text.startswith("⏰ The quarter ends on 31.03.2021")
    assert sorted(logged(database)) == [
        (user_id, "quarterly", "2021-Q1", "sent") for user_id, *_ in COORDINATORS
    ]

    code, out, err = await remind_async(tmp_path, *args, **env)  # cron fires again
    assert code == 0, err
    assert "already sent before: 3" in out and "recipients: none" in out
    assert "nobody is to get it" in out and "next reminder: 2021-06-20" in out
    assert len(emulator.sent_to(1001)) == 1
