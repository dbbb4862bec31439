"""Counterpart notices go through the outbox: queued with the report, paced, kept on failure."""

from __future__ import annotations

import itertools
import time

import pytest

from bot.telegram import sending as sender
from tests.e2e.scenario import CULTURE_SPB, CULTURE_TOMSK, coordinator

pytestmark = pytest.mark.backends  # on SQLite and on PostgreSQL


def notices_to(live, chat_id: int) -> list[str]:
    return [m.text for m in live.emulator.sent_to(chat_id) if m.text.startswith("🔔")]


async def test_a_notice_queued_before_a_stop_is_sent_after_the_restart(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    await coordinator(live, 1003, "Томская область", CULTURE_TOMSK, "Пётр")
    await live.running.outbox.stop()  # as if the process died right after the commit
    [saved] = await anna.send("/update 4.1 выполняется: после перезапуска")
    assert saved.text.startswith("✅ Сохранено")
    assert notices_to(live, 1003) == []
    assert await live.running.repo.outbox_counts() == {"pending": 1}

    await live.restart()
    await live.notices_sent()
    [notice] = notices_to(live, 1003)
    assert "после перезапуска" in notice
    assert await live.running.repo.outbox_counts() == {"sent": 1}


async def test_a_failed_notice_is_tried_again_later(live, monkeypatch):
    monkeypatch.setattr(sender, "ATTEMPTS", 1)  # give up on the first 5xx, not after 7 s
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    await coordinator(live, 1003, "Томская область", CULTURE_TOMSK, "Пётр")
    live.emulator.fail(502, method="sendMessage", chat_id=1003, times=1)
    await anna.send("/update 4.1 выполняется: со второй попытки")
    await live.notices_sent()
    assert notices_to(live, 1003) == []
    assert await live.running.repo.outbox_counts() == {"pending": 1}

    live.clock.advance(minutes=2)
    await live.notices_sent()
    assert len(notices_to(live, 1003)) == 1
    assert await live.running.repo.outbox_counts() == {"sent": 1}


async def test_notices_to_one_person_are_spaced_as_telegram_requires(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    await coordinator(live, 1003, "Томская область", CULTURE_TOMSK, "Пётр")
    arrivals: list[float] = []

    def on_event(event: str, payload) -> None:
        if event == "message" and payload.chat_id == 1003 and payload.text.startswith("🔔"):
            arrivals.append(time.monotonic())

    live.emulator.listeners.append(on_event)
    for n in range(3):  # three reports in quick succession: the reporter is answered at once
        [saved] = await anna.send(f"/update 4.1 выполняется: шаг {n}")
        assert saved.text.startswith("✅ Сохранено")
    await live.notices_sent()
    assert len(arrivals) == 3
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(arrivals))
