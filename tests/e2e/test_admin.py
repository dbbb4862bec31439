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


async def test_the_office_menu_answers_its_questions_in_a_tap(live):
    admin = await admin_ready(live)
    menu = live.emulator.sent_to(ADMIN_ID)[1]
    assert [b["text"] for b in menu.buttons()] == [
        "📣 Кто не отчитался",
        "📋 Итоги года",
        "👥 Координаторы",
        "🔗 Пригласить",
    ]
    await admin.click("Кто не отчитался", menu)
    assert menu.text.startswith("Нет отчёта за 1 кв. 2021")
    _, office = await admin.send("/start")  # the greeting, then the office's menu
    await admin.click("Итоги года", office)
    assert office.text.startswith("Итоги 2021 г. не подтверждены")
    [help_] = await admin.send("/help")
    assert "Вы администратор (координирующий офис)" in help_.text


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
    [members] = await admin.send("/members")  # paged in place
    pages = [members.text]
    while any("▶️" in b["text"] for b in members.buttons()):
        await admin.click("▶️", members)
        pages.append(members.text)
    listing = "\n".join(pages)
    assert "Комитет по культуре Санкт-Петербурга: Анна" in listing
    assert "Департамент по культуре Томской области: Иван (⚠️ заблокировал бота)" in listing
    assert "Комитет по науке и высшей школе: нет координатора" in listing
    [members] = await admin.send("/members")
    await admin.click("Анна — Комитет по культуре", members)
    await admin.click("Да, отозвать", members)
    assert admin.last_callback_answer().startswith("Доступ отозван: Анна")
    assert anna.last().text.startswith("Администратор отозвал ваш доступ")
    [reply] = await anna.send("/update 4.1 выполнено: всё")
    assert "Отчитываться по 4.1 могут только" in reply.text

    [log] = await admin.send("/audit")
    for change in (  # in words, the department by its name
        "Анна подала заявку в «Комитет по культуре Санкт-Петербурга»",
        "Ольга одобрила заявку: Анна — координатор ведомства "
        "«Комитет по культуре Санкт-Петербурга»",
        "Ольга одобрила заявку: Иван — координатор ведомства "
        "«Департамент по культуре Томской области»",
        "Ольга отозвала доступ: Анна больше не координатор ведомства "
        "«Комитет по культуре Санкт-Петербурга»",
    ):
        assert change in log.text
    # the office's looks at requests and members are recorded, but are not changes to show
    recorded = [e.action for e in await live.running.repo.recent_audit()]
    assert "admin.requests" in recorded and "admin.members" in recorded
    assert "открыл" not in log.text and "admin." not in log.text


async def test_stats_text_and_chart(live):
    admin = await admin_ready(live)
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    await anna.send("/update 4.1 выполнено: готово")
    await anna.send("/update 4.2 есть риски: ремонт")
    sent = await admin.send("/stats")
    text = "\n".join(m.text for m in sent if m.kind == "text")
    assert text.startswith("Ход выполнения на 15.03.2021 — последний статус каждой стороны")
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
    for data in (
        "rv:1001:spb-9cdf3d",
        "ng:2021-Q1::go",
        "ms:quarter:1",
        "dc:1001:spb-9cdf3d:0",
        "au:1:",
    ):
        await anna.press(anna.last(), data)
        assert anna.last_callback_answer() == "Это действие доступно только администраторам."
    status = await live.running.repo.db.fetchone(
        "SELECT status FROM memberships WHERE user_id = 1001"
    )
    assert status[0] == "approved"
    admin = live.user(ADMIN_ID)
    [log] = await admin.send("/audit")
    assert "доступ: Анна" not in log.text and "одобрила заявку: Анна" in log.text
