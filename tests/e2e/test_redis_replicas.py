"""Two replicas of the bot sharing Redis (REDIS_URL) over one database: a dialog begun on one
continues on the other, two quick taps posted to the two save once; Redis lost while the
bot runs costs a "try again" and nothing more; Redis unreachable at start is one line and
exit 2. A real redis-server on loopback (tests/redis_server.py)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator

import pytest

from bot.composition import Application, prepare
from bot.sandbox.emulator import TelegramEmulator
from bot.sandbox.emulator.server import SentMessage
from tests.conftest import ROOT, make_settings
from tests.e2e.live import LiveBot
from tests.e2e.process import bot_env
from tests.e2e.scenario import CULTURE_SPB, coordinator
from tests.redis_server import redis_server
from tests.servers import free_port

USER = 1001


async def on(replica: Application, emulator: TelegramEmulator, update_id: int) -> None:
    """Hand the update to this replica only, as a load balancer in front of webhooks does."""
    update = emulator.history[update_id]
    emulator.pending.remove(update)  # no replica polls it
    await replica.dp.feed_raw_update(replica.bot, update)


def tap(emulator: TelegramEmulator, message: SentMessage, label: str) -> int:
    return emulator.click(USER, message.message_id, message.button(label)["callback_data"])


def last_with_buttons(emulator: TelegramEmulator) -> SentMessage:
    return [m for m in emulator.sent_to(USER) if m.buttons() and not m.deleted][-1]


@pytest.fixture
async def two_replicas(
    emulator, tmp_path, clock, redis_url
) -> AsyncIterator[tuple[LiveBot, Application]]:
    """One replica polling (for the scenario's steps), one taking the updates it is given."""
    settings = make_settings(tmp_path, redis_url=redis_url)
    one = LiveBot(emulator, settings, clock)
    await one.start()
    two = await prepare(settings, emulator.token, api_base=emulator.api_base, clock=clock)
    yield one, two
    await two.close()
    await one.stop()


async def test_a_dialog_moves_between_replicas_and_two_taps_on_two_save_once(
    two_replicas, emulator
):
    live, two = two_replicas
    assert live.running is not None
    one = live.running
    anna = await coordinator(live, USER, "Санкт-Петербург", CULTURE_SPB)
    [card] = await anna.send("/item 4.2")
    await on(two, emulator, tap(emulator, card, "Сообщить"))
    await on(one, emulator, tap(emulator, last_with_buttons(emulator), "Выполнено"))
    assert await one.telegram.shared.client.keys("fsm:*:state")  # the dialog is in Redis
    assert (await one.repo.db.fetchone("SELECT COUNT(*) FROM fsm_state"))[0] == 0
    await on(two, emulator, tap(emulator, last_with_buttons(emulator), "Без комментария"))
    summary = last_with_buttons(emulator)
    assert summary.button("Подтвердить")

    taps = [tap(emulator, summary, "Подтвердить") for _ in range(2)]  # a double tap
    await asyncio.gather(on(one, emulator, taps[0]), on(two, emulator, taps[1]))
    saved = [m for m in emulator.sent_to(USER) if m.text.startswith("✅ Сохранено")]
    assert len(saved) == 1
    rows = await one.repo.db.fetchall("SELECT item_code, status FROM status_updates")
    assert [tuple(r) for r in rows] == [("4.2", "done")]
    queries = [emulator.history[t]["callback_query"]["id"] for t in taps]
    answers = sorted(str(emulator.callbacks[q].text) for q in queries)
    assert answers[1].startswith("Эта кнопка устарела")  # the later tap found the draft gone


@pytest.mark.slow
async def test_redis_lost_while_running_costs_a_try_again_and_the_bot_recovers(
    emulator, tmp_path, clock
):
    with redis_server() as server:
        live = LiveBot(emulator, make_settings(tmp_path, redis_url=server.url), clock)
        await live.start()
        try:
            user = live.user(USER)
            [reply] = await user.send("/help")
            assert reply.text.startswith("<b>Команды</b>") or reply.text.startswith("Команды")

            server.stop()
            [reply] = await asyncio.wait_for(user.send("/help"), 10)
            assert reply.text.startswith("Что-то пошло не так, и действие не выполнено.")
            assert "через минуту" in reply.text

            server.start()  # back, empty: the bot reconnects by itself
            [reply] = await user.send("/help")
            assert "Команды" in reply.text
            await user.send("/settings")
            [reply] = await user.click("Пауза до даты")  # a dialog, kept in Redis again
            assert reply.text.startswith("Напишите дату")
            assert live.running is not None and live.running.telegram is not None
            shared = live.running.telegram.shared
            assert shared is not None and await shared.client.keys("fsm:*")
        finally:
            await live.stop()


@pytest.mark.slow
async def test_redis_unreachable_at_start_is_one_line_and_exit_2(emulator, tmp_path):
    url = f"redis://:topsecret@127.0.0.1:{free_port()}/0"
    env = bot_env(emulator, tmp_path / "bot.sqlite3") | {"REDIS_URL": url}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=tmp_path, env=env | {"PYTHONPATH": str(ROOT)},
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 2
    [line] = err.decode().strip().splitlines()
    port = url.rsplit(":", 1)[1].split("/")[0]
    assert line.startswith(f"error: Redis at redis://***@127.0.0.1:{port}/0 is unreachable")
    assert "topsecret" not in err.decode()
