"""The bot on PostgreSQL when the server goes away and comes back: people are told to try
again, nothing typed is lost, nothing is half-written, and the bot recovers by itself."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.sandbox.emulator import TelegramEmulator
from tests.conftest import FakeClock, make_settings
from tests.e2e.live import LiveBot
from tests.e2e.scenario import CULTURE_SPB, coordinator
from tests.servers import PostgresServer, postgres_server

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]


@pytest.fixture
async def on_own_server(
    emulator: TelegramEmulator, tmp_path, clock: FakeClock
) -> AsyncIterator[tuple[LiveBot, PostgresServer]]:
    with postgres_server() as server:
        bot = LiveBot(emulator, make_settings(tmp_path, server.create_database()), clock)
        await bot.start()
        try:
            yield bot, server
        finally:
            if not server.running():
                server.start()
            await bot.stop()


async def test_a_confirm_while_the_server_is_down_keeps_the_draft_for_later(on_own_server):
    live, server = on_own_server
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    [card] = await anna.send("/item 4.2")
    await anna.click("Сообщить", card)
    await anna.click("Перенесено")
    await anna.send("Выставка перенесена на осень")
    [summary] = await anna.send_content("document")

    await asyncio.to_thread(server.stop)
    [failed] = await anna.click("Подтвердить", summary)
    assert failed.text.startswith("Что-то пошло не так, и действие не выполнено: база данных")
    assert "Попробуйте ещё раз через минуту" in failed.text
    assert summary.buttons()  # the confirmation is still there: nothing typed is lost

    await asyncio.to_thread(server.start)
    [saved] = await anna.click("Подтвердить", summary)
    assert saved.text.startswith("✅ Сохранено: 4.2 — Перенесено")
    rows = await live.running.repo.db.fetchall("SELECT comment, evidence_kind FROM status_updates")
    assert [tuple(r) for r in rows] == [("Выставка перенесена на осень", "document")]
    [again] = await anna.send("/item 4.2")  # and the bot goes on as before
    assert "Перенесено" in again.text
