"""Who is late, by department, and the office's reminder to them: preview, confirm, result."""

from __future__ import annotations

from tests.conftest import ADMIN_ID
from tests.e2e.scenario import CULTURE_SPB, CULTURE_TOMSK, admin_ready, coordinator

PHONE = 1500  # characters a message may take on a phone screen


async def all_pages(admin, first):
    """Every page of a paged list, following its "next" button."""
    found = [first.text]
    message = first
    while any(b["text"] == "Дальше ▶️" for b in message.buttons()):
        await admin.click("Дальше ▶️", message)
        found.append(message.text)
    return found


async def test_missing_by_department_chaseable_first_paged(live):
    admin = await admin_ready(live)
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    await anna.send("/update 4.1 выполняется: идёт работа")
    [first] = await admin.send("/missing")
    assert first.text.startswith("Нет отчёта за 1 кв. 2021 (01.01.2021 — 31.03.2021) · стр. 1 из")
    assert "📣 Можно напомнить: 1 ведомство (1 координатор)." in first.text
    assert "Без координатора: " in first.text and "— пригласите их: /invite" in first.text
    # what can be chased comes first: the side, the department, who, what it owes
    body = first.text.split("\n\n", 1)[1]
    assert body.startswith(
        "Санкт-Петербург\n🏛 Комитет по культуре Санкт-Петербурга\n👤 Анна\n• 4.2 "
    )
    assert "• 4.1 " not in body.split("\n\n")[0]  # reported this quarter
    pages = await all_pages(admin, first)
    assert len(pages) > 1 and all(len(page) <= PHONE for page in pages)
    text = "\n".join(pages)
    assert "• Департамент по культуре Томской области: 4.1, 4.2, 4.3, 4.4" in text
    assert text.count("Без координатора — Санкт-Петербург") == 1  # one heading, its lines under it
    last_page = [b["text"] for b in first.buttons()]  # `first` now shows the last page
    assert "🔗 Пригласить ведомства без координатора" in last_page
    [invite] = await admin.click("🔗 Пригласить", first)  # a message of its own
    assert invite.message_id != first.message_id and invite.buttons()
    assert "◀️ Назад" in [b["text"] for b in first.buttons()]  # the same message, paged


async def test_a_nudge_is_previewed_confirmed_and_counted(live):
    admin = await admin_ready(live)
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    await anna.send("/update 4.1 выполняется: идёт работа")
    [listing] = await admin.send("/missing")
    [preview] = await admin.click("📣 Комитет по культуре", listing)
    assert preview.text == (
        "Напоминание за 1 кв. 2021: «Комитет по культуре Санкт-Петербурга»\n"
        "Получат (1):\n• Анна: 4.2, 4.3, 4.4\n"
        "Каждый получит своё: «📣 Координирующий офис напоминает: за 1 кв. 2021 нет отчёта…», "
        "список своих мероприятий и кнопки, чтобы отчитаться."
    )
    assert not any(m.text.startswith("📣") for m in live.emulator.sent_to(1001))  # not yet

    await admin.click("Отмена", preview)
    assert preview.text.endswith("Отменено, ничего не отправлено.") and not preview.buttons()
    assert not any(m.text.startswith("📣") for m in live.emulator.sent_to(1001))

    [preview] = await admin.click("📣 Комитет по культуре", listing)
    go = preview.button("Отправить")["callback_data"]
    await admin.click("Отправить (1)", preview)
    assert admin.last_callback_answer() == "⏳ Отправляю напоминания: 1…"
    await live.running.reminders.settled()
    assert preview.text.endswith("✅ Отправлено: 1.") and not preview.buttons()
    nudge = anna.last()
    assert nudge.text.startswith("📣 Координирующий офис дорожной карты напоминает: за 1 кв. 2021")
    assert nudge.buttons()[0]["text"].startswith("✍️ 4.2")
    [listing] = await admin.send("/missing")  # who was chased today shows at a glance
    assert "👤 Анна\n✔️ Сегодня уже напомнили\n• 4.2 " in listing.text

    # a second press, on this preview or a new one, says it was sent and sends nothing
    await admin.press(preview, go)
    assert admin.last_callback_answer() == "Сегодня им уже напомнили — второй раз не отправляю."
    [again] = await admin.click("📣 Комитет по культуре", listing)
    assert again.text.endswith("Сегодня им уже напомнили — второй раз не отправляю.")
    assert not again.buttons()
    await live.running.reminders.settled()
    assert sum(m.text.startswith("📣") for m in live.emulator.sent_to(1001)) == 1

    log = await live.running.repo.recent_audit(5)
    assert [e.action for e in log].count("admin.nudge") == 1  # the one that sent


async def test_a_nudge_to_all_counts_the_paused_and_who_got_one_today(live):
    admin = await admin_ready(live)
    await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    petr = await coordinator(live, 1003, "Томская область", CULTURE_TOMSK, "Пётр")
    await petr.send("/settings")
    await petr.click("Пауза", petr.last_with_buttons())
    paused = petr.last_with_buttons()
    await petr.click(paused.buttons()[0]["text"], paused)
    [listing] = await admin.send("/missing")
    [preview] = await admin.click("📣 Напомнить всем (2)", listing)
    assert "Получат (1):\n• Анна: 4.1, 4.2, 4.3, 4.4" in preview.text
    assert preview.text.endswith("⏸ На паузе напоминаний: 1.")
    await admin.click("Отправить", preview)
    await live.running.reminders.settled()
    assert "✅ Отправлено: 1." in preview.text


async def test_missing_for_a_year_is_the_year_end_texts_still_unconfirmed(live):
    admin = await admin_ready(live)
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    await anna.send("/update 4.1 выполнено: договор подписан")
    [card] = await anna.send("/year 2021")
    await anna.click("Подтвердить", card)
    [first] = await admin.send("/missing 2021")
    assert first.text.startswith("Итоги 2021 г. не подтверждены (срок годового отчёта 20.12.2021)")
    assert "Координаторов попросят подтвердить итоги с 30.11.2021." in first.text
    assert "✅ Подтверждено итогов: 1 из 58." in first.text
    assert "👤 Анна\n• 4.2 " in first.text  # 4.1 is confirmed
    [same] = await admin.send("/missing year")
    assert same.text == first.text
    assert not any("📣" in b["text"] for b in first.buttons())  # not asked for yet

    live.clock.advance(days=262)  # 2 December: the round is on
    [first] = await admin.send("/missing 2021")
    assert "Координаторов попросят" not in first.text
    live.clock.advance(days=20)  # 22 December: late
    [late] = await admin.send("/missing 2021")
    assert late.text.startswith(
        "Итоги 2021 г. не подтверждены — срок годового отчёта 20.12.2021 прошёл"
    )
    [preview] = await admin.click("📣 Комитет по культуре", first)
    assert preview.text.startswith("Напоминание за 2021 г.: «Комитет по культуре")
    await admin.click("Отправить", preview)
    await live.running.reminders.settled()
    nudge = anna.last()
    assert "подтвердите итоги 2021 г. по этим мероприятиям" in nudge.text
    assert "▶️ Проверить итоги" in [b["text"] for b in nudge.buttons()]

    for bad in ("/missing 1999", "/missing 2030"):
        [reply] = await admin.send(bad)
        assert reply.text == "Укажите год дорожной карты: от 2020 до 2022, например /missing 2022."
    [reply] = await admin.send("/missing вчера")
    assert reply.text.startswith("Формат: /missing — текущий квартал")


async def test_only_admins_see_who_is_late_or_nudge(live):
    await admin_ready(live)
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    [reply] = await anna.send("/missing")
    assert reply.text == "Это действие доступно только администраторам."
    before = len(live.emulator.sent_to(1001))
    await anna.press(reply, "ng:2021-Q1::go")
    assert anna.last_callback_answer() == "Это действие доступно только администраторам."
    await anna.press(reply, "ms:quarter:1")
    assert anna.last_callback_answer() == "Это действие доступно только администраторам."
    await live.running.reminders.settled()
    assert len(live.emulator.sent_to(1001)) == before
    assert ADMIN_ID not in {m.chat_id for m in live.emulator.sent_to(1001)}


async def test_a_double_press_sends_once_and_a_stale_or_forged_button_nothing(live):
    admin = await admin_ready(live)
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    [listing] = await admin.send("/missing")
    [preview] = await admin.click("📣 Комитет по культуре", listing)
    go = preview.button("Отправить")["callback_data"]
    await admin.press(preview, go)
    await admin.press(preview, go)  # before the first one is through
    await live.running.reminders.settled()
    assert sum(m.text.startswith("📣") for m in live.emulator.sent_to(1001)) == 1
    assert preview.text.endswith("✅ Отправлено: 1.")
    actions = [e.action for e in await live.running.repo.recent_audit(10)]
    assert actions.count("admin.nudge") == 1

    for forged in ("ng:9999::go", "ng:2021-Q1:nowhere-000000:go", "ng:2021-Q9::ask"):
        await admin.press(listing, forged)
        assert admin.last_callback_answer() == "Эта кнопка устарела. Откройте меню заново: /start"
    await coordinator(live, 1003, "Томская область", CULTURE_TOMSK, "Пётр")
    [listing] = await admin.send("/missing")
    [stale] = await admin.click("📣 Департамент по культуре", listing)
    live.clock.advance(days=20)  # April: a preview made for the first quarter is stale
    await admin.click("Отправить", stale)
    assert admin.last_callback_answer() == "Эта кнопка устарела. Откройте меню заново: /start"
    await live.running.reminders.settled()
    assert not any(m.text.startswith("📣") for m in live.emulator.sent_to(1003))
    assert anna.last().text.startswith("📣")


async def test_a_nudge_that_breaks_off_says_so_and_can_be_pressed_again(live, monkeypatch):
    admin = await admin_ready(live)
    await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    [listing] = await admin.send("/missing")
    [preview] = await admin.click("📣 Комитет по культуре", listing)
    broadcaster = live.running.reminders.broadcaster

    async def broken(messages):
        raise ConnectionError("the database went away")

    monkeypatch.setattr(broadcaster, "send_all", broken)
    await admin.click("Отправить", preview)
    await live.running.reminders.settled()
    assert preview.text.endswith(
        "⚠️ Отправка прервалась. Нажмите «Напомнить» ещё раз: "
        "кто уже получил, второй раз не получит."
    )
    monkeypatch.undo()
    [again] = await admin.click("📣 Комитет по культуре", listing)
    await admin.click("Отправить", again)
    await live.running.reminders.settled()
    assert again.text.endswith("✅ Отправлено: 1.")
