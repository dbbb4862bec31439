"""The yearly report: DOCX and XLSX opened and checked cell by cell; admins only."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from docx import Document
from openpyxl import load_workbook

from bot.documents.annual_report import render_docx, render_xlsx
from bot.domain.annual import build_annual_report
from tests.conftest import ADMIN_ID
from tests.e2e.scenario import CULTURE_SPB, CULTURE_TOMSK, admin_ready, coordinator


async def reported_year(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    petr = await coordinator(live, 1003, "Томская область", CULTURE_TOMSK, "Пётр")
    await anna.send("/update 4.1 выполняется: переговоры с <музеями> & архивами")
    live.clock.advance(days=40)
    await anna.send("/update 4.1 выполнено: договор подписан")
    await petr.send("/update 4.2 есть риски: библиотека на ремонте")
    return anna, petr


def docx_rows(content: bytes) -> list[list[str]]:
    table = Document(io.BytesIO(content)).tables[0]
    return [[cell.text for cell in row.cells] for row in table.rows]


async def test_report_documents_in_the_chat(live):
    anna, petr = await reported_year(live)
    [card] = await anna.send("/year 2021")  # 4.1: Anna confirms its year-end text
    await anna.click("Подтвердить", card)
    admin = live.user(ADMIN_ID)
    sent = await admin.send("/report 2021")
    docx, xlsx = sent[-2:]
    assert docx.file_name == "roadmap-report-2021.docx" and xlsx.file_name.endswith(".xlsx")
    assert docx.text.startswith("Отчёт о ходе выполнения за 2021 г.: 3 отчёта координаторов")
    assert "Итоги года подтверждены: 1 из 58" in docx.text
    assert any(r.method == "sendChatAction" for r in live.emulator.requests)

    rows = docx_rows(docx.content)
    assert rows[0][:4] == [
        "№ п/п",
        "Наименование мероприятия",
        "Срок исполнения",
        "Информация о выполнении",
    ]
    assert rows[1][3:] == ["от Санкт-Петербурга", "от Томской области"]
    codes = [
        row[0]
        for row in rows[2:]
        if row[0].rstrip(".").replace(".", "").isdigit() and "." in row[0]
    ]
    assert codes == [f"{item.code}." for item in live.running.roadmap.items]
    assert rows[2][0].startswith("1. В сфере торгово-экономического")  # a section row
    row41 = next(row for row in rows if row[0] == "4.1.")
    # full sentences as written, no log prefixes; the status with its date
    assert row41[3] == (
        "Переговоры с <музеями> & архивами. Договор подписан.\nСтатус: Выполнено (на 24.04.2021)"
    )
    assert row41[4] == "нет данных"
    row42 = next(row for row in rows if row[0] == "4.2.")
    assert row42[4] == (
        "Библиотека на ремонте. (не подтверждено)\nСтатус: Есть риски (на 24.04.2021)"
    )
    row11 = next(row for row in rows if row[0] == "1.1.")
    assert row11[3:] == ["нет данных", "нет данных"]

    book = load_workbook(io.BytesIO(xlsx.content))
    summary, log = book["Итоги года"], book["Отчёты"]
    assert summary.freeze_panes == "A2" and summary.auto_filter.ref
    values = list(summary.iter_rows(values_only=True))
    assert values[1][:2] == ("1.1", "1. В сфере торгово-экономического сотрудничества, "
                             "инвестиционной и предпринимательской деятельности")  # fmt: skip
    row42 = next(v for v in values if v[0] == "4.2" and v[4] == "Томская область")
    assert row42[5:] == (
        "Департамент по культуре Томской области",
        "Библиотека на ремонте.",
        "нет",
        None,
        "Есть риски",
        datetime(2021, 4, 24),  # a date cell: it sorts and filters as a date
    )
    row41 = next(v for v in values if v[0] == "4.1" and v[4] == "Санкт-Петербург")
    assert row41[7:9] == ("да", "Анна")
    reports = list(log.iter_rows(values_only=True))
    assert len(reports) == 4 and reports[0][-2:] == ("Без изменений", "Отозван")
    assert reports[1][0] == datetime(2021, 3, 15)

    # confirmed after the report was downloaded: the next one carries it; twice is once
    [card] = await petr.send("/year 2021")  # 4.1 first: nothing from Tomsk on it
    await petr.click("Дальше", card)
    assert "4.2" in card.text
    again = card.button("Подтвердить")["callback_data"]
    await petr.click("Подтвердить", card)
    await petr.press(card, again)  # a second tap on the same confirmation
    docx, _ = (await admin.send("/report 2021"))[-2:]
    assert "Итоги года подтверждены: 2 из 58" in docx.text
    row42 = next(row for row in docx_rows(docx.content) if row[0] == "4.2.")
    assert row42[4] == "Библиотека на ремонте.\nСтатус: Есть риски (на 24.04.2021)"
    assert len(await live.running.repo.year_texts(2021)) == 2


async def test_a_year_with_no_updates_is_complete_and_empty(live, roadmap):
    data = await live.running.services.annual.load(2022)
    rows = docx_rows(render_docx(data))
    item_rows = [
        row
        for row in rows[2:]
        if row[0].endswith(".") and row[0][0].isdigit() and row[0].count(".") >= 2
    ]
    assert len(item_rows) == 23
    assert all(row[3:] == ["нет данных", "нет данных"] for row in item_rows)
    book = load_workbook(
        io.BytesIO(render_xlsx(build_annual_report(roadmap, 2022, [], datetime.now(UTC))))
    )
    sides = sum(1 for i in roadmap.items for p in roadmap.parties if i.executors.get(p.id))
    assert len(list(book["Итоги года"].iter_rows())) == 1 + sides


async def test_report_refusals_and_bad_years(live):
    await admin_ready(live)
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    [reply] = await anna.send("/report 2021")
    assert reply.text == "Это действие доступно только администраторам."
    admin = live.user(ADMIN_ID)
    for bad in ("/report 1999", "/report abc"):
        [reply] = await admin.send(bad)
        assert reply.text == "Укажите год дорожной карты: от 2020 до 2022, например /report 2022."
    sent = await admin.send("/report")
    assert sent[-1].file_name == "roadmap-report-2021.xlsx"  # the clock's year by default
    live.clock.advance(days=300)  # January 2022: the report being prepared is 2021's
    sent = await admin.send("/report")
    assert sent[-1].file_name == "roadmap-report-2021.xlsx"
