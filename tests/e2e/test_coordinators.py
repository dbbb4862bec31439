"""Coordinator scenarios through the real dispatcher and the emulator, in both languages."""

from __future__ import annotations

from tests.conftest import ADMIN_ID
from tests.e2e.scenario import (
    CULTURE_SPB,
    CULTURE_TOMSK,
    admin_ready,
    coordinator,
    request_department,
)

ROWS = "SELECT item_code, department_id, status, comment FROM status_updates ORDER BY id"


async def rows(live, sql=ROWS):
    return [tuple(r) for r in await live.running.repo.db.fetchall(sql)]


async def test_subscribe_approve_report_history_and_notice(live):
    await admin_ready(live)
    anna = live.user(1001, "Анна", "ru")
    await request_department(anna, "Санкт-Петербург", CULTURE_SPB)
    assert anna.last().text.startswith("Заявка отправлена: «Комитет по культуре Санкт-Петербурга»")
    admin = live.user(ADMIN_ID, "Ольга", "ru")
    request = admin.last_with_buttons()
    assert "Анна" in request.text and "Комитет по культуре Санкт-Петербурга" in request.text
    await admin.click("Одобрить", request)
    assert request.text.startswith("✅ Одобрено (Ольга)") and not request.buttons()
    assert anna.last().text.startswith("✅ Заявка одобрена")

    petr = await coordinator(live, 1003, "Томская область", CULTURE_TOMSK, "Пётр")

    texts = await anna.send("/my_items")
    listing = "\n".join(m.text for m in texts)
    assert "4. Сотрудничество в области культуры и искусства" in listing
    assert listing.count("нет данных") == 4 and "1.1" not in listing
    assert "⏳ Осталось отчитаться за 1 кв. 2021: 4.1, 4.2, 4.3, 4.4" in listing
    card = (await anna.click("📄 4.1"))[0]  # the card
    assert "Комитет по культуре Санкт-Петербурга" in card.text
    assert "Департамент по культуре Томской области" in card.text
    assert "Срок: 2020-2022 гг." in card.text

    await anna.click("Сообщить", card)
    await anna.click("Выполняется")
    assert "Напишите короткий комментарий" in anna.last().text
    comment = "<b>Переговоры</b> с музеями & библиотеками"
    [first] = await anna.send(comment)  # the summary comes at once: a file is optional
    assert comment in first.text and first.button("📎 Приложить файл")
    [summary] = await anna.send_content("document")  # a file sent here is attached
    assert "документ report.pdf" in summary.text and comment in summary.text
    confirm_data = summary.button("Подтвердить")["callback_data"]
    saved = await anna.click("Подтвердить", summary)
    assert not summary.buttons()  # the step is over: its buttons are gone
    assert saved[0].text.startswith("✅ Сохранено: 4.1 — Выполняется")

    await live.notices_sent()
    notice = petr.last()
    assert notice.text.startswith("🔔 Санкт-Петербург: «Комитет по культуре Санкт-Петербурга»")
    assert comment in notice.text and notice.button("Открыть 4.1")
    assert await rows(live) == [("4.1", "spb-9cdf3d", "in_progress", comment)]

    # a second tap on Confirm saves nothing more
    await anna.press(summary, confirm_data)
    assert anna.last_callback_answer().startswith("Эта кнопка устарела")
    assert len(await rows(live)) == 1

    [history] = await anna.send("/history 4.1")
    assert "Санкт-Петербург" in history.text and comment in history.text
    assert "Анна: 🔄 Выполняется" in history.text and "📎 документ" in history.text
    await anna.click("📎", history)
    assert anna.last().kind == "document"

    card = (await petr.send("/item 4.1"))[0]
    assert "Санкт-Петербург: 🔄 Выполняется, 15.03.2021" in card.text


async def test_the_same_in_english_with_a_one_message_update(live):
    john = await coordinator(live, 1002, "Томская область", CULTURE_TOMSK, "John", "en-US")
    assert john.last().text.startswith("✅ Request approved")
    [saved] = await john.send("/update 4.4 In Progress: invited the delegation")
    assert saved.text.startswith("✅ Saved: 4.4 — In progress")
    [history] = await john.send("/history 4.4")
    assert history.text.startswith("History of 4.4")
    assert "invited the delegation" in history.text
    texts = await john.send("/my_items")
    assert "4.4 " in texts[0].text
    assert "✅ reported for Q1 2021: 🔄 In progress, 15.03" in texts[0].text
    assert "⏳ Still to report for Q1 2021: 4.1, 4.2, 4.3" in texts[0].text


async def test_one_message_update_in_russian_words(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    [saved] = await anna.send("/update 4.2. ВЫПОЛНЕНО: фонды обменялись изданиями")
    assert saved.text.startswith("✅ Сохранено: 4.2 — Выполнено")
    [saved] = await anna.send("/update 4.3 есть риски помещение на ремонте")
    assert "Есть риски" in saved.text
    [needs] = await anna.send("/update 4.3 перенесено")
    assert "нужен комментарий" in needs.text
    [bad] = await anna.send("/update 4.3 отлично: всё хорошо")  # asked, the words kept
    assert "Комментарий сохранён: «отлично: всё хорошо»" in bad.text and bad.button("Выполнено")
    assert await rows(live) == [
        ("4.2", "spb-9cdf3d", "done", "фонды обменялись изданиями"),
        ("4.3", "spb-9cdf3d", "at_risk", "помещение на ремонте"),
    ]


async def test_no_change_carries_the_status_into_the_next_quarter(live, clock):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    [card] = await anna.send("/item 4.1")
    assert "Без изменений" not in str(card.buttons())  # no status of hers to carry yet
    await anna.send("/update 4.1 выполняется: начали")
    [card] = await anna.send("/item 4.1")
    await anna.click("Без изменений", card)
    assert anna.last().text.startswith("По 4.1 в этом квартале уже есть статус")
    clock.advance(days=30)  # mid-April: the second quarter
    await anna.click("Без изменений", card)
    assert anna.last().text.startswith("↔️ Отмечено «без изменений» за 2 кв. 2021")
    await anna.click("Без изменений", card)
    assert len(await rows(live)) == 2
    [history] = await anna.send("/history 4.1")
    assert "(без изменений)" in history.text


async def test_a_coordinator_of_several_executors_chooses_who_reports(live):
    vera = await coordinator(live, 1005, "Санкт-Петербург", "Комитет по внешним связям", "Вера")
    await request_department(vera, "Санкт-Петербург", "Комитет по промышленной")
    await live.user(ADMIN_ID).click("Одобрить")
    [choose] = await vera.send("/update 1.2 выполняется: обменялись планами выставок")
    assert choose.text.startswith("1.2: от какого ведомства")
    # the one-message form saves as soon as the department is chosen, as with one
    [saved] = await vera.click("Комитет по внешним связям", choose)
    assert saved.text.startswith("✅ Сохранено: 1.2 — Выполняется")
    assert "Осталось отчитаться за 1 кв. 2021: 1.1, 1.3, 7.2" in saved.text
    assert await rows(live) == [("1.2", "spb-78f4a6", "in_progress", "обменялись планами выставок")]
    texts = await vera.send("/my_items")
    assert "1.1" in texts[0].text and "7.2" in texts[0].text


async def test_edit_and_withdraw_within_24_hours(live, clock):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    await anna.send("/update 4.1 выполняется: первая версия")
    await anna.send("/update 4.2 не начато")
    [history] = await anna.send("/history 4.1")
    await anna.click("✏️", history)
    await anna.click("Выполнено")
    [summary] = await anna.send("исправленная версия")
    await anna.click("Подтвердить", summary)
    assert anna.last().text.startswith("✏️ Отчёт #1 изменён: 4.1 — Выполнено")
    assert (await rows(live))[0] == ("4.1", "spb-9cdf3d", "done", "исправленная версия")

    [history] = await anna.send("/history 4.2")
    [ask] = await anna.click("🗑", history)
    assert ask.button("Нет, оставить")
    await anna.click("Да, отозвать", ask)
    assert ask.text == "Отчёт #2 отозван."
    [history] = await anna.send("/history 4.2")  # still there, struck through
    assert "🗑 отозван автором 15.03.2021" in history.text and "<s>" in history.html
    assert not history.buttons()  # nothing to edit, withdraw or open any more

    [history] = await anna.send("/history 4.1")
    clock.advance(hours=25)
    await anna.press(history, history.button("✏️")["callback_data"])
    assert anna.last_callback_answer().startswith("Изменить или отозвать отчёт может только")


async def test_history_pages_five_at_a_time(live, clock):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    for n in range(7):
        await anna.send(f"/update 4.1 выполняется: шаг {n}")
        clock.advance(days=1)
    [page1] = await anna.send("/history 4.1")
    assert "(стр. 1 из 2)" in page1.text and "шаг 6" in page1.text and "шаг 1" not in page1.text
    await anna.click("Дальше", page1)
    assert "(стр. 2 из 2)" in page1.text and "шаг 0" in page1.text and page1.edits == 1
    await anna.click("Назад", page1)
    assert "шаг 6" in page1.text


async def test_unsubscribe(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    [subs] = await anna.send("/unsubscribe")
    await anna.click("Выйти: Комитет по культуре", subs)
    assert subs.text.startswith("Выйти из «Комитет по культуре")  # asked first
    await anna.click("Нет, остаться", subs)
    assert "Комитет по культуре Санкт-Петербурга — координатор" in anna.last().text
    [subs] = await anna.send("/unsubscribe")
    await anna.click("Выйти: Комитет по культуре", subs)
    await anna.click("Да, выйти", subs)
    assert subs.text.startswith("Вы больше не координатор")
    [reply] = await anna.send("/update 4.1 выполнено: всё")
    assert "Отчитываться по 4.1 могут только" in reply.text
