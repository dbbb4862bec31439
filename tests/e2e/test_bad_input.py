"""Every kind of bad input gets a clear answer; nothing is saved that should not be."""

from __future__ import annotations

from aiogram.fsm.storage.base import StorageKey

from bot.telegram.commands import COMMANDS
from bot.telegram.dialogs import ReportFlow, SettingsFlow
from tests.conftest import ADMIN_ID
from tests.e2e.scenario import CULTURE_SPB, coordinator, request_department


async def count_updates(live) -> int:
    return (await live.running.repo.db.fetchone("SELECT COUNT(*) FROM status_updates"))[0]


async def open_comment_step(anna):
    [card] = await anna.send("/item 4.1")
    await anna.click("Сообщить", card)
    await anna.click("Перенесено")


async def test_wrong_kind_of_message_in_the_dialog_keeps_the_step(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    await open_comment_step(anna)
    [reply] = await anna.send_content("sticker")
    assert reply.text == "Пожалуйста, отправьте текст."
    [reply] = await anna.send_content("voice")
    assert reply.text.startswith("Голосовое сообщение к отчёту не приложить")
    [reply] = await anna.send("x" * 2001)
    assert "длиннее 2\xa0000 символов (2\xa0001)" in reply.text  # kept, to shorten or replace
    [summary] = await anna.send("Музей закрыт на реконструкцию")  # a shorter one replaces it
    assert "Комментарий: Музей закрыт на реконструкцию" in summary.text
    [summary] = await anna.send("Музей закрыт до осени")  # a correction at the confirmation
    assert "Комментарий: Музей закрыт до осени" in summary.text
    [summary] = await anna.send_content("photo")  # a file there is the attachment
    assert "Вложение: фото" in summary.text and "Музей закрыт до осени" in summary.text
    assert await count_updates(live) == 0
    await anna.click("Подтвердить", summary)
    assert await count_updates(live) == 1


async def test_a_required_comment_cannot_be_skipped(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    await open_comment_step(anna)
    step = anna.last_with_buttons()
    assert [b["text"] for b in step.buttons()] == ["Отмена"]


async def test_unknown_codes_and_commands(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    [reply] = await anna.send("/update 12.7 выполнено: всё")
    assert (
        reply.text
        == "Мероприятия «12.7» нет в дорожной карте.\nВаши мероприятия: 4.1, 4.2, 4.3, 4.4"
    )
    [reply] = await anna.send("/item abc")
    assert reply.text.startswith("Мероприятия «abc» нет")
    [reply] = await anna.send("/item")
    assert reply.text.startswith("Укажите номер мероприятия")
    [reply] = await anna.send("/frobnicate")
    assert reply.text.startswith("Я не понял сообщение")
    [reply] = await anna.send("/update")
    assert reply.text.startswith("По какому мероприятию") and reply.button("4.3")


async def test_reporting_for_someone_elses_item_is_refused(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    outsider = live.user(1009, "Иван")
    [reply] = await outsider.send("/update 4.1 выполнено: всё сделано")
    assert "Отчитываться по 4.1 могут только" in reply.text
    [reply] = await anna.send("/update 1.1 выполнено: чужое")
    assert "Отчитываться по 1.1 могут только" in reply.text
    [reply] = await anna.send("/item 1.1")
    assert reply.text.startswith("Мероприятие 1.1 не относится к вашим ведомствам")
    # crafted callbacks: report on another item, No change for another department
    await anna.press(anna.last(), "it:1.1:report:")
    await anna.press(anna.last(), "it:4.1:same:tomsk-d8cd4d")
    await anna.press(anna.last(), "hs:1.1:1")
    texts = [m.text for m in live.emulator.sent_to(1001)[-3:]]
    assert "Отчитываться по 1.1 могут только" in texts[0]
    assert "Отчитываться по 4.1 могут только" in texts[1]
    assert texts[2].startswith("Мероприятие 1.1 не относится")
    assert await count_updates(live) == 0


async def test_admin_buttons_refuse_non_admins(live):
    await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    mallory = live.user(1010, "Mallory", "en")
    await request_department(mallory, "Санкт-Петербург", "Комитет по науке")
    await mallory.press(mallory.last(), "dc:1010:spb-48d378:1")
    assert mallory.last_callback_answer() == "Only admins can do this."
    status = await live.running.repo.db.fetchone(
        "SELECT status FROM memberships WHERE user_id = 1010"
    )
    assert status[0] == "pending"
    # a decided request cannot be decided again by a replayed button
    admin = live.user(ADMIN_ID)
    request = admin.last_with_buttons()
    await admin.click("Отклонить", request)
    await admin.press(request, "dc:1010:spb-48d378:1")
    assert admin.last_callback_answer().startswith("Эта заявка уже рассмотрена: отклонил(а)")
    assert mallory.last().text.startswith("Your request for")


async def test_stale_buttons_after_cancel_and_double_requests(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    [card] = await anna.send("/item 4.1")
    [statuses] = await anna.click("Сообщить", card)
    [reply] = await anna.send("/cancel")
    assert reply.text.startswith("Отменено: черновик удалён.")
    await anna.click("Выполнено", statuses)
    assert anna.last_callback_answer().startswith("Эта кнопка устарела")
    [reply] = await anna.send("/cancel")
    assert reply.text == "Сейчас нечего отменять."
    await request_department(anna, "Санкт-Петербург", CULTURE_SPB)
    assert anna.last().text.startswith("Вы уже координатор")
    await anna.press(None, "zz")
    await anna.press(None, "it:99.9:card:")
    await anna.press(None, "dr:deadbeef:confirm:")
    assert all(r.answered for r in live.emulator.callbacks.values())


async def test_html_is_stored_as_typed_and_shown_escaped(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    comment = '<script>alert("x")</script> a<b & c>d &amp;'
    [saved] = await anna.send(f"/update 4.1 выполняется: {comment}")
    assert saved.text.startswith("✅ Сохранено")
    row = await live.running.repo.db.fetchone("SELECT comment FROM status_updates")
    assert row[0] == comment
    [history] = await anna.send("/history 4.1")
    assert comment in history.text


async def test_a_dialog_survives_a_restart(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    [card] = await anna.send("/item 4.2")
    await anna.click("Сообщить", card)
    await anna.click("Выполнено")
    await live.restart()
    [summary] = await anna.send("Выставка открыта")
    assert summary.text.startswith("Проверьте и подтвердите")
    await anna.click("Подтвердить", summary)
    assert await count_updates(live) == 1


async def test_a_long_comment_in_one_message(live):
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    [reply] = await anna.send("/update 4.1 выполняется: " + "я" * 2200)
    assert "(2\xa0200)" in reply.text and reply.button("Сохранить сокращённым")
    assert await count_updates(live) == 0
    # "save it shortened" saves: /update with everything given is saved without a summary
    [saved] = await anna.click("Сохранить сокращённым", reply)
    assert saved.text.startswith("✅ Сохранено: 4.1 — Выполняется")
    row = await live.running.repo.db.fetchone("SELECT comment FROM status_updates")
    assert len(row[0]) <= 2000 and row[0].endswith("…")


async def test_every_command_works_in_every_dialog_step(live):
    """Routers are ordered for speed, not by kind: a dialog step must never take a command."""
    anna = await coordinator(live, 1001, "Санкт-Петербург", CULTURE_SPB)
    running = live.running
    key = StorageKey(bot_id=running.bot.id, chat_id=1001, user_id=1001)
    outside = {}
    for command, _ in COMMANDS:
        outside[command] = [m.text for m in await anna.send(f"/{command}")]
    for state in [*ReportFlow.__states__, *SettingsFlow.__states__]:
        for command, _ in COMMANDS:
            if command == "cancel":
                continue  # /cancel is the one command that answers a dialog differently
            await running.dp.fsm.storage.set_state(key, state)
            replies = [m.text for m in await anna.send(f"/{command}")]
            assert replies == outside[command], (state.state, command)
