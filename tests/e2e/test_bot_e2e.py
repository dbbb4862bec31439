"""The bot end to end: the real dispatcher polling the emulator over HTTP."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from tests.conftest import ROADMAP_JSON, ROOT

pytestmark = pytest.mark.backends  # on SQLite and on PostgreSQL


async def test_start_is_answered_in_russian_by_default(live):
    anna = live.user(1001, "Анна", "ru")
    reply, choose = await anna.send("/start")
    assert "выберите своё ведомство" in choose.text
    assert reply.text.startswith("Здравствуйте, Анна!")
    assert "Санкт-Петербург — Томская область на 2020–2022 гг." in reply.text
    nobody = live.user(1003, "Пётр", None)
    reply, _ = await nobody.send("/start")
    assert reply.text.startswith("Здравствуйте, Пётр!")


async def test_start_and_help_in_english(live):
    john = live.user(1002, "John", "en-GB")
    reply, _ = await john.send("/start")
    assert reply.text.startswith("Hello, John!")
    [reply] = await john.send("/help")
    assert "23 activities and 27 departments" in reply.text


async def test_names_are_escaped_not_parsed(live):
    tricky = live.user(1004, "<b>Bob</b> & Co", "en")
    reply, _ = await tricky.send("/start")
    assert reply.text.startswith("Hello, <b>Bob</b> & Co!")
    assert reply.entities == []


async def test_help_in_russian_counts_with_plural_forms(live):
    [reply] = await live.user(1001).send("/help")
    assert "23 мероприятия и 27 ведомств" in reply.text


async def test_wrong_kind_of_input_gets_a_hint(live):
    anna = live.user(1001)
    for kind in ("sticker", "voice"):
        [reply] = await anna.send_content(kind)
        assert "/start" in reply.text
    [reply] = await anna.send_content("photo")  # how to attach it to a report
    assert "/update" in reply.text
    [reply] = await anna.send("что-то непонятное <i>")
    assert reply.text.startswith("Я не понял сообщение")


async def test_an_unknown_button_is_answered_not_left_spinning(live):
    anna = live.user(1001)
    await anna.press(None, "zz:stale")
    assert anna.last_callback_answer() == "Эта кнопка устарела. Откройте меню заново: /start"
    assert all(record.answered for record in live.emulator.callbacks.values())


async def test_command_menu_in_both_languages(live):
    commands = live.emulator.commands
    assert [c["command"] for c in commands[("default", "")]] == [
        "start",
        "my_items",
        "update",
        "item",
        "history",
        "year",
        "subscribe",
        "unsubscribe",
        "settings",
        "cancel",
        "help",
    ]
    assert commands[("default", "ru")][0]["description"] == "Главное меню"
    assert commands[("default", "en")][0]["description"] == "Main menu"


async def test_a_redelivered_update_is_handled_once(live):
    anna = live.user(1001)
    await anna.send("/start")
    first = live.emulator.last_to(1001).message_id
    update_id = max(live.emulator.history)
    live.emulator.redeliver(update_id)
    marker = live.emulator.send_text(1001, "/help")
    await live.emulator.wait_handled(marker)
    texts = [m.text for m in live.emulator.sent_to(1001) if m.message_id > first]
    assert len(texts) == 1 and texts[0].startswith("Команды")


async def test_polling_survives_telegram_errors(live):
    live.emulator.fail(502, method="getUpdates", times=1)
    live.emulator.fail(429, method="getUpdates", retry_after=1, times=1)
    reply, _ = await live.user(1001).send("/start")
    assert reply.text.startswith("Здравствуйте")


async def test_restart_keeps_the_database(live):
    await live.user(1001).send("/start")
    await live.restart()
    [reply] = await live.user(1001).send("/help")
    assert reply.text.startswith("Команды")


async def start_process(emulator, tmp_path: Path, token: str) -> asyncio.subprocess.Process:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "BOT_TOKEN": token,
        "TELEGRAM_API_URL": emulator.api_base,
        "DATABASE_PATH": str(tmp_path / "bot.sqlite3"),
        "ROADMAP_PATH": str(ROADMAP_JSON),
        "ADMIN_IDS": "1",
        "LOG_LEVEL": "DEBUG",
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_python_m_bot_answers_and_stops_cleanly_on_sigterm(emulator, tmp_path):
    process = await start_process(emulator, tmp_path, emulator.token)
    try:
        emulator.add_user(1001, "Анна")
        update_id = emulator.send_text(1001, "/start")
        await emulator.wait_handled(update_id, seconds=30)
        assert emulator.sent_to(1001)[0].text.startswith("Здравствуйте, Анна!")
        process.send_signal(signal.SIGTERM)
        stdout, stderr = await asyncio.wait_for(process.communicate(), 30)
    finally:
        if process.returncode is None:
            process.kill()
    log = (stdout + stderr).decode()
    assert process.returncode == 0, log
    assert "stopped" in log
    assert emulator.token not in log
    assert emulator.token.split(":")[1] not in log


async def test_python_m_bot_with_a_rejected_token(emulator, tmp_path):
    process = await start_process(emulator, tmp_path, "555:" + "r" * 30)
    stdout, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 2
    assert "Telegram rejected BOT_TOKEN" in stderr.decode()
    assert "r" * 30 not in (stdout + stderr).decode()


async def test_a_failing_handler_gets_a_useful_answer(live, monkeypatch, caplog):
    def broken(*args):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr("bot.telegram.views.start.start", broken)
    [reply] = await live.user(1002, "John", "en").send("/start")
    assert reply.text.startswith("Something went wrong and nothing was done")
    assert "simulated bug" in caplog.text
    monkeypatch.undo()
    reply, *_ = await live.user(1002, "John", "en").send("/start")
    assert reply.text.startswith("Hello, John!")
