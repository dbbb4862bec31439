"""`python -m bot sandbox`: chat with the real bot in a terminal, no token, no network."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

from bot.composition import prepare
from bot.domain.clock import ShiftedClock, same_day_within
from bot.sandbox.emulator import SentMessage, TelegramEmulator
from bot.sandbox.emulator.client import BotClient
from bot.sandbox.emulator.server import CallbackRecord
from bot.settings import Settings
from bot.telegram.runner import serve

ADMIN_ID = 1
# name -> (user id, first name, Telegram language)
PEOPLE: dict[str, tuple[int, str, str]] = {
    "anna": (1001, "Анна", "ru"),
    "admin": (ADMIN_ID, "Ольга (админ)", "ru"),
    "john": (1002, "John", "en"),
}

HELP = """\
Type a message as the current user, or:
  1, 2, …        press a button of the last message with buttons
  :user NAME     become NAME (anna, admin, john, or a new one: :user petr en)
  :users         who is here
  :photo :document :sticker :voice   send that instead of text
  :help          this help
  :quit          leave (Ctrl-D works too)"""


class Sandbox:
    def __init__(self, emulator: TelegramEmulator, out: TextIO) -> None:
        self.emulator = emulator
        self.out = out
        self.clients: dict[str, BotClient] = {}
        self.events: list[tuple[str, Any]] = []
        emulator.listeners.append(lambda event, payload: self.events.append((event, payload)))
        for name, (user_id, first_name, language) in PEOPLE.items():
            self.clients[name] = BotClient(emulator, user_id, first_name, language)
        self.current = "anna"

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    @property
    def client(self) -> BotClient:
        return self.clients[self.current]

    async def handle(self, line: str) -> bool:
        """Act on one input line; False when the person wants to leave."""
        line = line.strip()
        if not line:
            return True
        if line.startswith(":"):
            return await self._command(line)
        if line.isdigit():
            await self._press(int(line))
        else:
            await self.client.send(line)
        self._show_events()
        return True

    async def _command(self, line: str) -> bool:
        word, *args = line[1:].split()
        if word in ("quit", "q", "exit"):
            return False
        if word == "help":
            self.say(HELP)
        elif word == "users":
            for name, client in self.clients.items():
                mark = "*" if name == self.current else " "
                self.say(f" {mark} {name} (id {client.user_id})")
        elif word == "user" and args:
            self._switch(args[0].lower(), args[1] if len(args) > 1 else "ru")
        elif word in ("photo", "document", "sticker", "voice"):
            await self.client.send_content(word)
            self._show_events()
        else:
            self.say(f"unknown sandbox command :{word} — type :help")
        return True

    def _switch(self, name: str, language: str) -> None:
        if name not in self.clients:
            user_id = 2000 + len(self.clients)
            self.clients[name] = BotClient(self.emulator, user_id, name.capitalize(), language)
            self.say(f"new user {name} (id {user_id}, language {language})")
        self.current = name
        self.say(f"you are now {name}")
        self._show_events()

    async def _press(self, number: int) -> None:
        try:
            message = self.client.last_with_buttons()
        except AssertionError:
            self.say("there are no buttons to press")
            return
        buttons = message.buttons()
        if not 1 <= number <= len(buttons):
            self.say(f"press a number from 1 to {len(buttons)}")
            return
        button = buttons[number - 1]
        if "callback_data" not in button:
            self.say(f"that button opens {button.get('url', 'a link')}")
            return
        await self.client.press(message, button["callback_data"])

    def _show_events(self) -> None:
        """Print what the bot did for the current user; note what others received."""
        others: dict[int, int] = {}
        mine = self.client.user_id
        kept = []
        for event, payload in self.events:
            chat = payload.user_id if isinstance(payload, CallbackRecord) else payload.chat_id
            if chat != mine:
                if event == "message":
                    others[chat] = others.get(chat, 0) + 1
                kept.append((event, payload))
                continue
            self._render(event, payload)
        self.events = kept
        names = {c.user_id: n for n, c in self.clients.items()}
        for chat, count in others.items():
            self.say(
                f"  ({count} new message(s) for {names.get(chat, chat)}: "
                f":user {names.get(chat, chat)} to read)"
            )

    def _render(self, event: str, payload: Any) -> None:
        if event == "alert":
            self.say(f"  [popup] {payload.text}")
            return
        message: SentMessage = payload
        if event == "delete":
            self.say(f"  (the bot deleted message {message.message_id})")
            return
        label = "bot (edited)" if event == "edit" else "bot"
        if message.kind != "text":
            label += f", {message.kind} {message.file_name}"
        self.say(f"── {label} " + "─" * max(0, 40 - len(label)))
        self.say(message.text)
        number = 0
        for row in (message.reply_markup or {}).get("inline_keyboard", []):
            labels = []
            for button in row:
                number += 1
                labels.append(f"[{number}] {button['text']}")
            self.say("   ".join(labels))


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


async def run_sandbox(
    settings: Settings,
    db_path: Path,
    *,
    fresh: bool = False,
    today: date | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Chat with the bot in the terminal. `today`: the day the sandbox takes for today; by
    default today, or its day and month within the roadmap's years when today is past
    them (a roadmap that has ended would have nothing to report)."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    if fresh:
        _remove_database(db_path)
    if settings.log_level != "DEBUG":
        logging.getLogger().setLevel(logging.WARNING)
    emulator = TelegramEmulator()
    await emulator.start()
    sandbox_settings = settings.model_copy(
        update={"database_path": db_path, "database_url": None, "admin_ids": [ADMIN_ID]}
    )
    clock = ShiftedClock()
    running = await prepare(
        sandbox_settings, emulator.token, api_base=emulator.api_base, clock=clock
    )
    years = range(running.roadmap.years.start, running.roadmap.years.end + 1)
    clock.move_to(today or same_day_within(datetime.now(UTC).date(), years))
    running.poller.on_handled = emulator.track_handled()
    ready = asyncio.Event()
    bot_task = asyncio.create_task(serve(running, on_ready=ready.set))
    sandbox = Sandbox(emulator, stdout)
    try:
        await asyncio.wait(
            {bot_task, asyncio.ensure_future(ready.wait())}, return_when=asyncio.FIRST_COMPLETED
        )
        if bot_task.done():
            bot_task.result()
        sandbox.say(f"Roadmap bot sandbox: a local Telegram emulator, database {db_path}.")
        sandbox.say(f"Today is {clock.now():%d.%m.%Y} here (--date to choose another day).")
        sandbox.say("Users: anna (coordinator, ru), admin (in ADMIN_IDS), john (en). You are anna.")
        sandbox.say(HELP)
        loop = asyncio.get_running_loop()
        while True:
            sandbox.out.write(f"{sandbox.current}> ")
            sandbox.out.flush()
            line = await loop.run_in_executor(None, stdin.readline)
            if not line or not await sandbox.handle(line):
                break
    finally:
        running.poller.stop()
        with contextlib.suppress(Exception):
            await bot_task
        await emulator.stop()
    sandbox.say("bye")
    return 0
