"""/settings: language, time zone, pausing reminders, counterpart notices."""

from __future__ import annotations

from datetime import date

from tests.e2e.scenario import CULTURE_SPB, CULTURE_TOMSK, coordinator


async def person(live, user_id):
    return await live.running.repo.person(user_id)


async def test_switching_language_and_zone(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    [screen] = await anna.send("/settings")
    assert "Часовой пояс: по ведомству (Europe/Moscow)" in screen.text
    await anna.click("English", screen)
    assert screen.text.startswith("Settings")
    assert "Language: English" in screen.text
    [reply] = await anna.send("/help")
    assert reply.text.startswith("Commands")
    await anna.click("Томская область", screen)
    assert "Time zone: Asia/Tomsk" in screen.text
    assert (await person(live, 1001)).timezone == "Asia/Tomsk"
    await anna.click("Русский", screen)
    await anna.click("По ведомству", screen)
    assert (await person(live, 1001)).timezone is None
    assert "Язык: русский" in screen.text


async def test_pausing_reminders(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    [screen] = await anna.send("/settings")
    await anna.click("Пауза 2 недели", screen)
    assert (await person(live, 1001)).reminders_paused_until == date(2021, 3, 29)
    assert "на паузе до 29.03.2021" in screen.text
    await anna.click("Возобновить", screen)
    assert (await person(live, 1001)).reminders_paused_until is None
    await anna.click("Пауза до даты", screen)
    [reply] = await anna.send("31.02.2021")
    assert reply.text.startswith("Не понял дату")
    [reply] = await anna.send_content("sticker")
    assert reply.text.startswith("Не понял дату")
    [reply] = await anna.send("01.03.2021")  # in the past
    assert reply.text.startswith("Не понял дату")
    saved, _ = await anna.send("31.08.2021")
    assert saved.text == "Сохранено."
    assert (await person(live, 1001)).reminders_paused_until == date(2021, 8, 31)


async def test_counterpart_notices_can_be_turned_off(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    petr = await coordinator(live, 1003, "Томская область", CULTURE_TOMSK, "Пётр")
    await anna.send("/update 4.1 выполняется: первое")
    await live.notices_sent()
    assert petr.last().text.startswith("🔔")
    [screen] = await petr.send("/settings")
    await petr.click("Выключить уведомления", screen)
    before = len(live.emulator.sent_to(1003))
    await anna.send("/update 4.1 выполнено: второе")
    await live.notices_sent()
    assert len(live.emulator.sent_to(1003)) == before
    # and a reporter is never notified about their own update
    assert not any(m.text.startswith("🔔") for m in live.emulator.sent_to(1001))


async def test_a_blocked_counterpart_does_not_disturb_the_reporter(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    await coordinator(live, 1003, "Томская область", CULTURE_TOMSK, "Пётр")
    live.emulator.blocked.add(1003)
    [saved] = await anna.send("/update 4.1 выполняется: текст")
    assert saved.text.startswith("✅ Сохранено")
    await live.notices_sent()
    assert (await person(live, 1003)).unreachable
