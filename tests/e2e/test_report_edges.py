"""Edges of reporting found by review: a withdrawn "no change" frees its quarter, a carry
never buries a fresher report, plain text is confirmed before it is saved, nothing typed is
dropped at any step of the dialog, and an edit keeps the report's file."""

from __future__ import annotations

from bot.domain.reports import NewStatusReport
from bot.domain.statuses import Status
from bot.i18n import Translator
from bot.telegram import keyboards
from tests.e2e.test_quarter import CULTURE_SPB, rows
from tests.e2e.test_reminders import at, make_coordinator, report


async def standing(live, code):
    return await rows(
        live,
        "SELECT item_code, status, carried_forward FROM status_updates "
        f"WHERE withdrawn_at IS NULL AND item_code = '{code}'",
    )


async def withdraw_last(anna, code):
    [history] = await anna.send(f"/history {code}")
    [ask] = await anna.click("🗑", history)
    await anna.click("Да, отозвать", ask)


async def test_no_change_again_after_withdrawing_a_carried_report(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    at(live.clock, 2021, 2, 1, 9)
    await report(live, 1001, "4.1", CULTURE_SPB, "in_progress")
    at(live.clock, 2021, 5, 3, 9)  # Q2
    anna = live.user(1001)
    [card] = await anna.send("/item 4.1")
    [carried] = await anna.click("Без изменений", card)
    assert "Отмечено «без изменений»" in carried.text
    await withdraw_last(anna, "4.1")
    [card] = await anna.send("/item 4.1")
    [again] = await anna.click("Без изменений", card)
    assert "Отмечено «без изменений»" in again.text
    assert sorted(await standing(live, "4.1")) == [
        ("4.1", "in_progress", 0),
        ("4.1", "in_progress", 1),
    ]


async def test_no_change_for_all_again_after_a_withdrawal(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    at(live.clock, 2021, 2, 1, 9)
    for code in ("4.1", "4.2"):
        await report(live, 1001, code, CULTURE_SPB, "in_progress")
    at(live.clock, 2021, 5, 3, 9)
    anna = live.user(1001)
    [listing] = await anna.send("/my_items")
    [ask] = await anna.click("Без изменений по всем (2)", listing)
    await anna.click("Да, без изменений (2)", ask)
    await withdraw_last(anna, "4.1")
    [listing] = await anna.send("/my_items")
    assert "Осталось отчитаться за 2 кв. 2021: 4.1, 4.3, 4.4" in listing.text
    [card] = await anna.send("/item 4.1")
    await anna.click("Без изменений", card)
    assert len(await standing(live, "4.1")) == 2


async def test_a_carry_never_buries_a_report_made_meanwhile(live):
    """Coordinator B of the same department reports 4.1 while A's "no change for all" is
    between reading the statuses and writing: B's report stays the latest."""
    await make_coordinator(live, 1001, CULTURE_SPB)
    await make_coordinator(live, 1002, CULTURE_SPB, name="Борис")
    at(live.clock, 2021, 2, 1, 9)
    await report(live, 1001, "4.1", CULTURE_SPB, "in_progress")
    at(live.clock, 2021, 5, 3, 9)
    service = live.running.services.no_change
    repo = service.reports
    original = repo.latest_by_department

    async def then_b_reports(codes=None):
        found = await original(codes)
        live.clock.moment = live.clock.moment.replace(second=1)
        await repo.add_status_report(
            NewStatusReport("4.1", CULTURE_SPB, 1002, Status.DONE, "открыли выставку", "b:1")
        )
        live.clock.moment = live.clock.moment.replace(second=2)
        return found

    _, viewer = await live.running.services.people.identify(1001, "Анна", None, None, "ru")
    repo.latest_by_department = then_b_reports
    try:
        result = await service.carry_all(viewer, "2021-Q2")
    finally:
        del repo.latest_by_department
    assert result.carried == 0
    latest = await repo.latest_of_department("4.1", CULTURE_SPB)
    assert latest.status == "done" and latest.user_id == 1002


async def test_plain_text_is_confirmed_before_it_is_saved(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    anna = live.user(1001)
    [reply] = await anna.send("4.1 выполнено ли?")  # a question, not a report
    assert await rows(live) == [] and "Подтвердить" not in str(reply.buttons())
    [summary] = await anna.send("4.1 выполнено: провели выставку")
    assert "провели выставку" in summary.text and await rows(live) == []
    await anna.click("Подтвердить", summary)
    assert await rows(live) == [("4.1", "done", "провели выставку", 0)]


async def test_a_status_not_understood_keeps_the_comment_and_its_limit(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    anna = live.user(1001)
    [ask] = await anna.send("/update 4.1 завершено полностью: провели три встречи")
    assert "провели три встречи" in ask.text and ask.button("Выполнено")
    [saved] = await anna.click("Выполнено", ask)  # the tap completes the /update: saved
    assert saved.text.startswith("✅ Сохранено: 4.1 — Выполнено")
    assert await rows(live) == [("4.1", "done", "полностью: провели три встречи", 0)]

    [ask] = await anna.send("/update 4.1 отлично: всё хорошо")  # no status at all
    assert [b["text"] for b in ask.buttons()][:5] == [
        "✅ Выполнено",
        "🔄 Выполняется",
        "⏸ Не начато",
        "📅 Перенесено",
        "⚠️ Есть риски",
    ]
    assert "отлично: всё хорошо" in ask.text
    await anna.click("Отмена", ask)

    long = "слово " * 600  # 3,600 characters, with a misspelt status
    [guess] = await anna.send(f"/update 4.1 выполняеться: {long}")
    [too_long] = await anna.click("Выполняется", guess)
    assert "длиннее 2\xa0000" in too_long.text
    [saved] = await anna.click("Сохранить сокращённым", too_long)
    assert saved.text.startswith("✅ Сохранено: 4.1 — Выполняется")
    [(comment,)] = await rows(live, "SELECT comment FROM status_updates WHERE id = 2")
    assert len(comment) <= 2000


async def test_text_typed_before_the_status_is_kept_as_the_comment(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    anna = live.user(1001)
    [card] = await anna.send("/item 4.1")
    await anna.click("Сообщить", card)
    [ask] = await anna.send("Провели встречу с музеями, договорились о выставке")
    assert "Комментарий сохранён" in ask.text and ask.button("Выполняется")
    [summary] = await anna.click("Выполняется", ask)
    assert "Провели встречу с музеями" in summary.text
    # a voice message at the confirmation: explained, the dialog stays
    [voice] = await anna.send_content("voice")
    assert "текстом" in voice.text
    await anna.click("Подтвердить", summary)
    assert (await rows(live))[0][2].startswith("Провели встречу")

    # "status: comment" typed at the status step, and a photo with a caption there
    await anna.click("Сообщить", card)
    [summary] = await anna.send("выполнено: выставка открыта")
    assert "Выполнено" in summary.text and "выставка открыта" in summary.text
    await anna.click("Отмена", summary)
    await anna.click("Сообщить", card)
    [ask] = await anna.send_content("photo", caption="Фото с открытия")
    assert "Фото с открытия" in ask.text
    [summary] = await anna.click("Выполнено", ask)
    assert "фото" in summary.text and "Фото с открытия" in summary.text


async def test_an_edit_keeps_the_file_and_stops_being_no_change(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    at(live.clock, 2021, 2, 1, 9)
    await report(live, 1001, "4.1", CULTURE_SPB, "in_progress")
    at(live.clock, 2021, 5, 3, 9)
    anna = live.user(1001)
    [card] = await anna.send("/item 4.1")
    await anna.click("Без изменений", card)
    [history] = await anna.send("/history 4.1")
    [statuses] = await anna.click("✏️", history)
    await anna.click("Есть риски", statuses)
    [summary] = await anna.send("помещение закрыто на ремонт")
    await anna.click("Подтвердить", summary)
    assert ("4.1", "at_risk", 0) in await standing(live, "4.1")

    await anna.click("Сообщить", card)
    await anna.click("Выполнено")
    [summary] = await anna.send_content("photo", caption="Фотоотчёт")
    await anna.click("Подтвердить", summary)
    [history] = await anna.send("/history 4.1")
    [statuses] = await anna.click("✏️", history)
    await anna.click("Выполнено", statuses)
    [attached] = await anna.send_content("document")  # a file first: keep the comment still
    assert attached.button("Оставить комментарий")
    [summary] = await anna.click("Оставить комментарий", attached)
    assert "Вложение: нет" not in summary.text and summary.button("Заменить файл")


def test_button_labels_are_plain_text_not_html():
    t = Translator().for_locale("ru")
    assert keyboards.label(t, "btn-report-item", code="1.1", title="R&D <центр>") == (
        "✍️ 1.1 R&D <центр>"
    )


async def test_a_photo_with_update_as_its_caption_is_the_evidence(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    anna = live.user(1001)
    [saved] = await anna.send_content("photo", caption="/update 4.1 выполняется: фото с выставки")
    assert saved.text.startswith("✅ Сохранено: 4.1 — Выполняется")
    row = await live.running.repo.db.fetchone("SELECT comment, evidence_kind FROM status_updates")
    assert tuple(row) == ("фото с выставки", "photo")


async def test_the_file_step_goes_back_without_losing_the_report(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    anna = live.user(1001)
    [card] = await anna.send("/item 4.1")
    await anna.click("Сообщить", card)
    await anna.click("Выполняется")
    [summary] = await anna.send("Переговоры с музеями")
    [ask_file] = await anna.click("Приложить файл", summary)
    assert "Отмена" not in str(ask_file.buttons())  # only the file can be given up here
    [summary] = await anna.click("Назад, без файла", ask_file)
    assert "Переговоры с музеями" in summary.text

    # a caption sent at the confirmation replaces the comment, which can be brought back
    [summary] = await anna.send_content("photo", caption="фото")
    assert "Комментарий: фото" in summary.text
    [summary] = await anna.click("Вернуть прежний комментарий", summary)
    assert "Переговоры с музеями" in summary.text and "фото" in summary.text
    await anna.click("Подтвердить", summary)
    row = await live.running.repo.db.fetchone("SELECT comment, evidence_kind FROM status_updates")
    assert tuple(row) == ("Переговоры с музеями", "photo")


async def test_a_draft_left_open_is_picked_up_again(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    anna = live.user(1001)
    [card] = await anna.send("/item 4.2")
    await anna.click("Сообщить", card)
    await anna.click("Выполнено")
    await anna.send("Фонды обменялись изданиями")
    [listing] = await anna.send("/my_items")  # looked elsewhere, then back to 4.2
    [resumed] = await anna.click("✍️ 4.2", listing)
    assert resumed.text.startswith("📝 Продолжаем ваш черновик по 4.2")
    assert "Фонды обменялись изданиями" in resumed.text
    [saved] = await anna.click("Подтвердить", resumed)
    assert saved.text.startswith("✅ Сохранено: 4.2 — Выполнено")
    # and the next activity is a tap away
    assert "Осталось отчитаться за 1 кв. 2021: 4.1, 4.3, 4.4" in saved.text
    assert saved.button("✍️ 4.1")


async def test_a_newcomer_waiting_for_approval_is_told_so(live):
    from bot.domain.people import AuditRecord

    repo = live.running.repo
    live.emulator.add_user(1005, "Вера", "ru")
    await repo.touch_user(1005, "Вера", None, None, "ru")
    await repo.request_membership(
        1005, CULTURE_SPB, False, AuditRecord(1005, "membership.request", 1005, CULTURE_SPB)
    )
    vera = live.user(1005)
    for command in ("/update 4.1 выполнено: всё", "/item 4.1"):
        [reply] = await vera.send(command)
        assert reply.text.startswith("Ваша заявка ещё на рассмотрении"), reply.text


async def test_a_message_about_an_activity_gets_the_way_to_report_it(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    anna = live.user(1001)
    [hint] = await anna.send("Провели обмен выставками по 4,1, всё хорошо")
    assert "4.1" in hint.text and hint.button("Сообщить по 4.1")
    [statuses] = await anna.click("Сообщить по 4.1", hint)
    assert statuses.button("Выполняется")
    [summary] = await anna.send("4.1 выполнено: выставка открыта")  # its own code, understood
    assert "Выполнено" in summary.text and "Комментарий: выставка открыта" in summary.text
    await anna.send("/cancel")
    [hint] = await anna.send("4.1 выполнено ли?")  # a question, not a report
    assert "с двоеточием" in hint.text


async def test_done_is_owed_no_more_and_prompts_fit_the_status(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    at(live.clock, 2021, 2, 1, 9)
    await report(live, 1001, "4.1", CULTURE_SPB, "done")
    at(live.clock, 2021, 5, 3, 9)
    anna = live.user(1001)
    [listing] = await anna.send("/my_items")
    assert "Осталось отчитаться за 2 кв. 2021: 4.2, 4.3, 4.4" in listing.text
    assert "✅ Выполнено, 01.02 — больше отчитываться не нужно" in listing.text
    [card] = await anna.send("/item 4.2")
    await anna.click("Сообщить", card)
    [ask] = await anna.click("Не начато")
    assert "когда планируется начать" in ask.text
    at(live.clock, 2021, 6, 20, 7)
    await live.running.reminders.run()
    reminder = live.emulator.sent_to(1001)[-1]
    assert "4.1" not in reminder.text and "4.2" in reminder.text


async def test_after_the_roadmap_ends_nothing_is_owed(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    at(live.clock, 2021, 2, 1, 9)
    await report(live, 1001, "4.1", CULTURE_SPB, "in_progress")
    at(live.clock, 2026, 11, 29, 9)
    [listing] = await live.user(1001).send("/my_items")
    assert "Дорожная карта действовала в 2020–2022 гг.: за 4 кв. 2026" in listing.text
    assert "⏳" not in listing.text and "Без изменений" not in str(listing.buttons())
