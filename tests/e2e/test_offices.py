"""Offices per roadmap: global admins add and remove a roadmap's office members, who approve
its coordinators and see /missing, /report, /members and /audit for their roadmaps only."""

from __future__ import annotations

import io

from docx import Document

from bot.domain.roadmap import Department, Item, Party, Roadmap, Section, YearSpan
from bot.services.roadmaps import Loaded
from tests.conftest import ADMIN_ID
from tests.e2e.scenario import (
    CULTURE_SPB,
    CULTURE_TOMSK,
    admin_ready,
    coordinator,
    request_department,
)

MARIA = 2001  # in the office of roadmap 2
IVAN = 2002  # in the office of roadmap 1
NSK_CULTURE = "Министерство культуры Новосибирской области"


def second_roadmap() -> Roadmap:
    """Saint Petersburg and the Novosibirsk region: the SPb Committee for Culture is one
    of its executors (the department roadmap 1 has already), the rest are its own."""
    spb = Party("spb", "Санкт-Петербург", "Europe/Moscow")
    nsk = Party("nsk", "Новосибирская область", "Asia/Novosibirsk")
    departments = [
        Department("spb-c2", "spb", "Комитет по культуре Санкт-Петербурга"),
        Department("nsk-culture", "nsk", NSK_CULTURE),
        Department("nsk-science", "nsk", "Министерство науки Новосибирской области"),
    ]
    items = [
        Item("1.1", "1", "Гастроли театров", "2021", {"spb": ["spb-c2"], "nsk": ["nsk-culture"]}),
        Item("2.1", "2", "Совместные конференции", "2021-2023", {"nsk": ["nsk-science"]}),
    ]
    return Roadmap(
        "ПЛАН МЕРОПРИЯТИЙ по развитию сотрудничества между Санкт-Петербургом и "
        "Новосибирской областью на 2021 – 2023 годы",
        YearSpan(2021, 2023),
        [spb, nsk],
        [Section("1", "Культура"), Section("2", "Наука")],
        departments,
        items,
    )


async def two_roadmaps(live):
    roadmaps = live.running.services.roadmaps
    loaded = await roadmaps.load(roadmaps.preview(second_roadmap()), ADMIN_ID)
    assert isinstance(loaded, Loaded) and loaded.entry.number == 2
    return loaded.entry


async def test_an_office_member_sees_and_decides_for_their_roadmap_only(live):
    admin = await admin_ready(live)
    entry = await two_roadmaps(live)
    maria = live.user(MARIA, "Мария")
    [refused] = await maria.send("/missing")
    assert refused.text == "Это действие доступно только администраторам."

    [unknown] = await admin.send("/offices 2 add 2999")
    assert "ещё не открывал бота" in unknown.text
    await maria.send("/start")
    added, listing = await admin.send(f"/offices 2 add {MARIA}")
    assert added.text == f"✅ Мария теперь в офисе дорожной карты «{entry.short_name}»."
    assert "№ 2. СПб — Новосибирская обл. 2021-2023" in listing.text
    assert f"Мария (id {MARIA})" in listing.text
    welcome = maria.last()
    assert welcome.text.startswith("🗺 Вас включили в офис дорожной карты «СПб — Новосибирская")
    _, office_menu = await maria.send("/start")
    assert office_menu.text.startswith("Вы в офисе дорожной карты «СПб — Новосибирская")
    [help_] = await maria.send("/help")
    assert "/missing — кто не отчитался" in help_.text
    [refused] = await maria.send("/offices")
    assert refused.text == "Это действие доступно только администраторам."

    # a roadmap-1-only department: the request goes to the admins only, and Maria cannot
    # decide it, even with the button's data
    petr = live.user(1003, "Пётр")
    await request_department(petr, "Томская область", CULTURE_TOMSK)
    tomsk_request = admin.last_with_buttons()
    assert tomsk_request.text.startswith("🆕") and "Пётр" in tomsk_request.text
    assert not any("Пётр" in m.text for m in live.emulator.sent_to(MARIA))
    [none] = await maria.send("/requests")
    assert none.text == "Заявок на рассмотрении нет."
    await maria.press(welcome, tomsk_request.button("Одобрить")["callback_data"])
    assert maria.last_callback_answer().startswith("Это ведомство не исполняет")
    assert not petr.last().text.startswith("✅ Заявка одобрена")
    await admin.click("Одобрить", tomsk_request)
    assert petr.last().text.startswith("✅ Заявка одобрена")

    # a roadmap-2 department: Maria gets the request and approves it
    olga = live.user(1010, "Ольга")
    await request_department(olga, "Новосибирская область", "Министерство культуры")
    request = maria.last_with_buttons()
    assert "Ольга" in request.text and NSK_CULTURE in request.text
    assert "Ольга" in admin.last_with_buttons().text  # the admins get it too
    approve = request.button("Одобрить")["callback_data"]
    await maria.click("Одобрить", request)
    assert olga.last().text.startswith("✅ Заявка одобрена")

    [late] = await maria.send("/missing")  # roadmap 2's departments only
    assert NSK_CULTURE in late.text and "Томской области" not in late.text
    [preview] = await maria.press(late, "ng:2021-Q1::ask")  # everyone: hers only
    assert "Ольга" in preview.text and "Пётр" not in preview.text
    await maria.press(late, "ng:2021-Q1:tomsk-d8cd4d:ask")  # not hers
    assert maria.last_callback_answer() == "Эта кнопка устарела. Откройте меню заново: /start"
    [everyone] = await admin.send("/missing")
    assert "Томской области" in everyone.text
    [preview] = await admin.press(everyone, "ng:2021-Q1::ask")
    assert "Ольга" in preview.text and "Пётр" in preview.text

    [members] = await maria.send("/members")
    assert NSK_CULTURE in members.text and "Томской области" not in members.text
    [log] = await maria.send("/audit")
    assert "Ольга" in log.text and "Пётр" not in log.text
    [log] = await admin.send("/audit")
    assert "включила Мария в офис дорожной карты № 2" in log.text

    # the report: roadmap 2's at once for Maria; the admin is asked which
    *_, docx, xlsx = await maria.send("/report")
    assert docx.file_name == "roadmap-2-report-2021.docx" and xlsx.file_name.endswith(".xlsx")
    assert docx.text.startswith(f"🗺 {entry.short_name}")
    table = Document(io.BytesIO(docx.content)).tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[1][3:] == ["от Санкт-Петербурга", "от Новосибирской области"]
    assert [r[0] for r in rows if r[0].endswith(".") and r[0][0].isdigit()] == ["1.1.", "2.1."]
    [which] = await admin.send("/report 2021")
    assert which.text == "Годовой отчёт за 2021 г. — по какой дорожной карте?"
    assert [b["text"] for b in which.buttons()] == [
        "СПб — Томская обл. 2020-2022",
        "СПб — Новосибирская обл. 2021-2023",
    ]
    *_, docx, _ = await admin.click("Новосибирская", which)
    assert docx.file_name == "roadmap-2-report-2021.docx"
    [bad] = await admin.send("/report 2030")
    assert "от 2020 до 2023" in bad.text

    # removed: no office at once
    [listing] = await admin.send("/offices")
    await admin.click("✖️ Мария — из офиса № 2", listing)
    assert admin.last_callback_answer() == (
        f"Мария больше не в офисе дорожной карты «{entry.short_name}»."
    )
    assert "Мария" not in listing.text
    [refused] = await maria.send("/missing")
    assert refused.text == "Это действие доступно только администраторам."
    await maria.press(welcome, approve)  # a button of hers from before: refused too
    assert maria.last_callback_answer() == "Это действие доступно только администраторам."


async def test_two_offices_nudge_apart_and_a_shared_department_is_the_admins_to_revoke(live):
    admin = await admin_ready(live)
    await two_roadmaps(live)
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)  # in both roadmaps
    ivan, maria = live.user(IVAN, "Иван"), live.user(MARIA, "Мария")
    live.emulator.add_user(IVAN, "Иван", "ru", username="ivan_p")
    await ivan.send("/start")
    await maria.send("/start")

    # mistyped: what was wrong; no id: pick from the people who wrote to the bot
    [wrong] = await admin.send("/offices add 3001")
    assert wrong.text.startswith("Сначала укажите номер дорожной карты")
    [wrong] = await admin.send("/offices 2")
    assert wrong.text.startswith("Не сказано, что сделать: add — добавить в офис")
    [picker] = await admin.send("/offices 1 add")
    assert picker.text.startswith("Кого добавить в офис № 1 «СПб — Томская обл. 2020-2022»?")
    assert "• Иван @ivan_p (id 2002)" in picker.text
    added, _ = await admin.click("Иван (@ivan_p)", picker)
    assert added.text == "✅ Иван теперь в офисе дорожной карты «СПб — Томская обл. 2020-2022»."
    await admin.send(f"/offices 2 add {MARIA}")
    office_menu = ivan.last()
    assert office_menu.text.startswith("🗺 Вас включили в офис дорожной карты «СПб — Томская")

    # office 1 reminds everyone; office 2's own reminder still goes to the shared department
    [late] = await ivan.send("/missing")
    [preview] = await ivan.press(late, "ng:2021-Q1::ask")
    assert "• Анна: 4.1, 4.2, 4.3, 4.4" in preview.text
    await ivan.click("Отправить", preview)
    await live.running.reminders.settled()
    [late] = await maria.send("/missing")
    assert "✔️ Сегодня уже напомнили" not in late.text
    [preview] = await maria.press(late, "ng:2021-Q1::ask")
    assert "• Анна: 2/1.1" in preview.text
    await maria.click("Отправить", preview)
    await live.running.reminders.settled()
    assert "1.1" in anna.last().text
    [again] = await ivan.press(late, "ng:2021-Q1::ask")  # office 1's: sent already today
    assert "Сегодня им уже напомнили" in again.text

    # the admin's list: roadmap by roadmap, codes as the documents print them
    [everyone] = await admin.send("/missing")
    pages = [everyone.text]
    while any(b["text"] == "Дальше ▶️" for b in everyone.buttons()):
        await admin.click("Дальше ▶️", everyone)  # in place
        pages.append(everyone.text)
    listed = "\n".join(pages)
    first = listed.index("🗺 СПб — Томская обл. 2020-2022")
    second = listed.index("🗺 СПб — Новосибирская обл. 2021-2023")
    assert first < second and "2/1.1" not in listed
    assert "• 1.1 Гастроли театров" in listed[second:]
    [stats, _] = await admin.send("/stats")
    assert "🗺 СПб — Новосибирская обл. 2021-2023\nСанкт-Петербург: " in stats.text

    # Maria may not revoke Anna: the committee works on roadmap 1 too
    [members] = await maria.send("/members")
    await maria.press(members, "rv:1001:spb-9cdf3d")
    assert maria.last_callback_answer() == (
        "Это ведомство работает и по другим дорожным картам: отозвать доступ может "
        "администратор бота."
    )
    [mine] = await anna.send("/my_items")
    assert "4.1" in mine.text

    # pop-ups are plain text; the remove button says whom from which office
    amp = live.user(2003, "Р&Д")
    await amp.send("/start")
    await admin.send("/offices 2 add 2003")
    [listing] = await admin.send("/offices")
    labels = [b["text"] for b in listing.buttons()]
    assert "✖️ Р&Д — из офиса № 2" in labels and "✖️ Иван — из офиса № 1" in labels
    await admin.click("✖️ Р&Д — из офиса № 2", listing)
    assert admin.last_callback_answer() == (
        "Р&Д больше не в офисе дорожной карты «СПб — Новосибирская обл. 2021-2023»."
    )

    # in two offices: said in the plural; the example year is the office's round's
    await admin.send(f"/offices 2 add {IVAN}")
    assert ivan.last().text.startswith(
        "🗺 Вас включили в офис дорожной карты «СПб — Новосибирская обл. 2021-2023»; теперь вы "
        "в офисах дорожных карт «СПб — Томская обл. 2020-2022», «СПб — Новосибирская обл. "
        "2021-2023». По их ведомствам"
    )
    _, menu = await ivan.send("/start")
    assert menu.text.startswith("Вы в офисах дорожных карт «СПб — Томская обл. 2020-2022», «")
    year = live.running.services.office.report_year()
    assert f"/missing {year} — чьи итоги года не подтверждены" in menu.text
