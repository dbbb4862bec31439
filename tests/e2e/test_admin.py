"""The coordinating office: requests, members, audit, who is late, progress; admins only."""

from __future__ import annotations

from tests.conftest import ADMIN_ID
from tests.e2e.scenario import (
    CULTURE_SPB,
    CULTURE_TOMSK,
    admin_ready,
    coordinator,
    request_department,
)


async def test_requests_members_revoke_and_audit(live):
    admin = await admin_ready(live)
    assert live.emulator.sent_to(ADMIN_ID)[1].text.startswith("Вы администратор")
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    ivan = live.user(1006, "Иван")
    await request_department(ivan, "Томская область", CULTURE_TOMSK)
    [request] = await admin.send("/requests")
    assert "Иван" in request.text and "Департамент по культуре Томской области" in request.text
    await admin.click("Одобрить", request)
    assert ivan.last().text.startswith("✅ Заявка одобрена")
    [reply] = await admin.send("/requests")
    assert reply.text == "Заявок на рассмотрении нет."

    live.emulator.blocked.add(1006)
    await anna.send("/update 4.1 выполняется: уведомим Ивана")  # his notice finds him blocked
    await live.notices_sent()
    texts = await admin.send("/members")
    listing = "\n".join(m.text for m in texts)
    assert "Комитет по культуре Санкт-Петербурга: Анна" in listing
    assert "Департамент по культуре Томской области: Иван (⚠️ заблокировал бота)" in listing
    assert "Комитет по науке и высшей школе: нет координатора" in listing
    await admin.click("Анна — Комитет по культуре", texts[-1])
    assert admin.last_callback_answer().startswith("Доступ отозван: Анна")
    assert anna.last().text.startswith("Администратор отозвал ваш доступ")
    [reply] = await anna.send("/update 4.1 выполнено: всё")
    assert "Отчитываться по 4.1 могут только" in reply.text

    [log] = await admin.send("/audit")
    for action in (  # in words, the department by its name
        "Анна подал(а) заявку · Комитет по культуре Санкт-Петербурга",
        "Ольга одобрил(а) заявку · Анна · Комитет по культуре Санкт-Петербурга",
        "Ольга отозвал(а) доступ · Анна",
        "Ольга открыл(а) заявки",
        "Ольга открыл(а) список координаторов",
    ):
        assert action in log.text
    assert "Ольга отозвал(а) доступ · Анна" in log.text


async def test_missing_for_the_quarter_and_year_and_a_nudge(live, clock):
    admin = await admin_ready(live)
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    await anna.send("/update 4.1 выполняется: идёт работа")
    texts = await admin.send("/missing")
    text = "\n".join(m.text for m in texts)
    assert text.startswith("Нет отчёта за 1 кв. 2021 (01.01.2021 — 31.03.2021)")
    assert (
        "Комитет по культуре Санкт-Петербурга\nМероприятия: 4.2, 4.3, 4.4\nКоординаторы: Анна"
        in text
    )
    assert (
        "Департамент по культуре Томской области\nМероприятия: 4.1, 4.2, 4.3, 4.4\n"
        "Координаторы: нет координатора" in text
    )
    await admin.click("Напомнить", texts[-1])
    assert admin.last_callback_answer() == "Напоминание отправляется: 1 чел."
    await live.running.reminders.settled()
    nudge = anna.last()
    assert nudge.text.startswith("📣 Координирующий офис дорожной карты напоминает: за 1 кв. 2021")
    assert [b["text"] for b in nudge.buttons()][:3] == [
        "✍️ 4.2 …библиотеками, подведомственн…",
        "✍️ 4.3 …СПб ГБКДУ «Дом народного тво…",
        "✍️ 4.4 Приглашение к участию предста…",
    ]
    await admin.click("Напомнить", texts[-1])  # a second tap the same day nudges nobody again
    await live.running.reminders.settled()
    assert sum(m.text.startswith("📣") for m in live.emulator.sent_to(1001)) == 1

    clock.advance(days=30)  # April: a new quarter, the year so far
    texts = await admin.send("/missing year")
    assert texts[0].text.startswith("Нет отчёта за 2021 г. (01.01.2021 — 31.12.2021)")
    [reply] = await admin.send("/missing вчера")
    assert reply.text.startswith("Формат: /missing")


async def test_stats_text_and_chart(live):
    admin = await admin_ready(live)
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    await anna.send("/update 4.1 выполнено: готово")
    await anna.send("/update 4.2 есть риски: ремонт")
    sent = await admin.send("/stats")
    text = "\n".join(m.text for m in sent if m.kind == "text")
    assert "Санкт-Петербург: ✅1 🔄0 ⏸0 📅0 ⚠️1 ∅21" in text
    assert "Томская область: ✅0 🔄0 ⏸0 📅0 ⚠️0 ∅23" in text
    assert "4. Сотрудничество в области культуры и иск…: ✅1 🔄0 ⏸0 📅0 ⚠️1 ∅6" in text
    photo = sent[-1]
    assert photo.kind == "photo" and photo.content.startswith(b"\x89PNG\r\n\x1a\n")


async def test_every_admin_command_and_button_refuses_others(live):
    await admin_ready(live)
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    for command in ("/report", "/requests", "/members", "/audit", "/missing", "/stats"):
        [reply] = await anna.send(command)
        assert reply.text == "Это действие доступно только администраторам.", command
    for data in ("rv:1001:spb-9cdf3d", "ng:quarter", "dc:1001:spb-9cdf3d:0"):
        await anna.press(anna.last(), data)
        assert anna.last_callback_answer() == "Это действие доступно только администраторам."
    status = await live.running.repo.db.fetchone(
        "SELECT status FROM memberships WHERE user_id = 1001"
    )
    assert status[0] == "approved"
    admin = live.user(ADMIN_ID)
    [log] = await admin.send("/audit")
    assert "отозвал(а) доступ" not in log.text
