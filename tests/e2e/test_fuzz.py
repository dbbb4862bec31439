"""Fuzzing: random sequences of updates from several users against the real dispatcher.

No unhandled exception, every message the bot sends accepted by the strict emulator,
every button answered, and nobody reads or changes another department's reports.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.sandbox.emulator import TelegramEmulator
from tests.conftest import FakeClock, make_settings
from tests.e2e.live import LiveBot
from tests.e2e.scenario import CULTURE_SPB, CULTURE_TOMSK, coordinator

SPB, TOMSK, OUTSIDER = 1001, 1003, 1009
SECRET = "секрет-томской-стороны"
COMMANDS = [
    "/start",
    "/help",
    "/my_items",
    "/update",
    "/item",
    "/history",
    "/subscribe",
    "/unsubscribe",
    "/settings",
    "/cancel",
    "/report",
    "/missing",
    "/stats",
    "/requests",
    "/members",
    "/audit",
    "/nonsense",
]
ARGS = [
    "",
    "4.1",
    "4.1.",
    "1.1",
    "12.7",
    "abc",
    "4.1 выполняется: <b>x</b> & y",
    "4.2 ВЫПОЛНЕНО",
    "4.3 перенесено",
    "2021",
    "1999",
    "year",
    "4.1 " + "я" * 1200,
]
CALLBACKS = [
    "it:4.1:report:",
    "it:4.1:same:",
    "it:1.1:card:",
    "it:4.2:hist:",
    "hs:4.1:2",
    "dr:deadbeef:confirm:",
    "dc:1009:spb-9cdf3d:1",
    "rv:1001:spb-9cdf3d",
    "ng:quarter",
    "ng:2021-Q1::go",
    "ng:1999::no",
    "ms:2099:0",
    "st:lang:en",
    "st:pause:date",
    "up:1:withdraw_yes",
    "up:1:file",
    "m:items",
    "jn:spb-48d378",
    "pt:tomsk:1",
    "zz",
    "it:99.9:card:",
    "",
]

text = (
    st.text(max_size=300)
    | st.text(alphabet="<>&/\\\"'bi ", max_size=50)
    | st.just("x" * 5000)
    | st.just("")
)
action = st.one_of(
    st.tuples(st.just("text"), st.sampled_from([SPB, TOMSK, OUTSIDER]), text),
    st.tuples(
        st.just("command"),
        st.sampled_from([SPB, TOMSK, OUTSIDER]),
        st.tuples(st.sampled_from(COMMANDS), st.sampled_from(ARGS)),
    ),
    st.tuples(
        st.just("content"),
        st.sampled_from([SPB, TOMSK, OUTSIDER]),
        st.sampled_from(["sticker", "photo", "document", "voice"]),
    ),
    st.tuples(
        st.just("press"),
        st.sampled_from([SPB, TOMSK, OUTSIDER]),
        st.sampled_from(CALLBACKS) | st.text(max_size=64),
    ),
    st.tuples(st.just("replay"), st.sampled_from([SPB, TOMSK, OUTSIDER]), st.integers(0, 30)),
    st.tuples(st.just("edit"), st.sampled_from([SPB, TOMSK, OUTSIDER]), text),
)


class ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


async def play(actions, workdir: Path) -> None:
    """One example: a fresh bot and emulator, three users, then the random actions."""
    emulator = TelegramEmulator()
    await emulator.start()
    live = LiveBot(emulator, make_settings(workdir), FakeClock())
    await live.start()
    errors = ErrorCounter()
    logging.getLogger().addHandler(errors)
    try:
        users = {
            SPB: await coordinator(live, SPB, "Санкт-Петербург", CULTURE_SPB),
            TOMSK: await coordinator(live, TOMSK, "Томская область", CULTURE_TOMSK, "Пётр"),
            OUTSIDER: live.user(OUTSIDER, "Mallory", "en"),
        }
        await users[TOMSK].send(f"/update 4.1 выполняется: {SECRET}")
        for kind, user_id, value in actions:
            await act(emulator, users[user_id], kind, value)
        assert not [r.getMessage() for r in errors.records]
        assert not [(r.method, r.error.description) for r in emulator.errors() if r.error]
        assert all(record.answered for record in emulator.callbacks.values())
        assert SECRET not in " ".join(m.text for m in emulator.sent_to(OUTSIDER))
        db = live.running.repo.db
        assert (
            await db.fetchall(
                "SELECT s.user_id FROM status_updates s WHERE s.user_id NOT IN (SELECT user_id "
                "FROM memberships m WHERE m.department_id = s.department_id)"
            )
            == []
        )
        assert (
            await db.fetchall("SELECT * FROM status_updates WHERE user_id = ?", (OUTSIDER,)) == []
        )
    finally:
        logging.getLogger().removeHandler(errors)
        await live.stop()
        await emulator.stop()


async def act(emulator: TelegramEmulator, user, kind: str, value) -> None:
    user_id = user.user_id
    sent = emulator.sent_to(user_id)
    if kind == "text" and value:
        await user.send(value)
    elif kind == "command":
        await user.send(f"{value[0]} {value[1]}".strip())
    elif kind == "content":
        await user.send_content(value)
    elif kind == "press":
        await user.press(sent[-1] if sent else None, value)
    elif kind == "replay" and emulator.callbacks:
        presses = list(emulator.callbacks.values())
        await user.press(sent[-1] if sent else None, presses[value % len(presses)].data)
    elif kind == "edit" and value:
        mine = [mid for (uid, mid) in emulator.user_messages if uid == user_id]
        if mine:
            await emulator.wait_handled(emulator.edit_text(user_id, mine[-1], value))


@pytest.mark.slow
@settings(max_examples=12, deadline=None, derandomize=True)
@given(st.lists(action, min_size=1, max_size=15))
def test_random_updates_break_nothing(actions):
    with tempfile.TemporaryDirectory() as workdir:
        asyncio.run(play(actions, Path(workdir)))
