"""The year-end round: each coordinator gets the texts the annual report will carry, confirms
or corrects them; the yearly reminders then ask for exactly what is not confirmed."""

from __future__ import annotations

import pytest

from bot.domain.reports import NewStatusReport
from bot.domain.statuses import Status
from tests.e2e.test_reminders import at, make_coordinator, texts

pytestmark = pytest.mark.backends  # on SQLite and on PostgreSQL

CULTURE_SPB = "spb-9cdf3d"


async def report(live, code, status, comment, key, carried=False):
    await live.running.repo.add_status_report(
        NewStatusReport(code, CULTURE_SPB, 1001, Status(status), comment, key, None, carried)
    )


async def rows(live, sql):
    return [tuple(r) for r in await live.running.repo.db.fetchall(sql)]


async def test_the_round_confirms_corrects_and_reminds_of_what_is_left(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    at(live.clock, 2021, 3, 10, 9)
    await report(live, "4.1", "in_progress", "переговоры с музеями", "a")
    at(live.clock, 2021, 5, 10, 9)
    await report(live, "4.1", "in_progress", "переговоры с музеями", "b", carried=True)
    at(live.clock, 2021, 9, 1, 9)
    await report(live, "4.1", "in_progress", "выставка открыта", "c")
    at(live.clock, 2021, 11, 2, 9)
    await report(live, "4.2", "done", "фонды обменялись изданиями", "d")

    at(live.clock, 2021, 11, 30, 7)  # 10:00 in Saint Petersburg, 20 days before the due date
    await live.running.reminders.run()
    [invite] = live.emulator.sent_to(1001)
    assert invite.text.startswith("📝 Итоги 2021 года для годового отчёта (срок 20.12.2021)")
    assert all(code in invite.text for code in ("4.1", "4.2", "4.3", "4.4"))

    anna = live.user(1001)
    [card] = await anna.click("Проверить итоги", invite)
    assert "1 из 4 · подтверждено 0" in card.text
    assert "Переговоры с музеями. Выставка открыта." in card.text  # once each, no "no change"
    assert "⚠️ Статус от 01.09.2021 — он ещё актуален?" in card.text
    ok = card.button("Подтвердить")["callback_data"]
    await anna.click("Подтвердить", card)
    assert card.text.startswith("✅ Итоги по 4.1 подтверждены.")  # and the card is now 4.2
    assert "<b>4.2</b>" in card.html and "⚠️" not in card.text
    await anna.press(card, ok)  # a late second tap on 4.1's button
    assert "уже были подтверждены" in anna.last().text
    # the old status, confirmed as still current, is reported again for the fourth quarter
    newest = "SELECT status, carried_forward FROM status_updates WHERE item_code = '4.1' "
    assert await rows(live, newest + "ORDER BY id DESC LIMIT 1") == [("in_progress", 1)]

    await anna.click("Подтвердить", card)  # 4.2
    assert "<b>4.3</b>" in card.html and "отчётов по нему не было" in card.text
    [ask] = await anna.click("Написать итоги", card)
    assert "Напишите итоги 2021 года по 4.3" in ask.text
    [next_card] = await anna.send("Провели совместный фестиваль народного творчества.")
    assert (
        next_card.text.startswith("✅ Итоги по 4.3 подтверждены.")
        and "<b>4.4</b>" in next_card.html
    )
    await anna.click("Дальше", next_card)  # nothing else is left: the list, in place
    assert next_card.text.startswith("Итоги 2021 года: осталось подтвердить 1 — 4.4")

    confirmed = await rows(
        live, "SELECT item_code, text, corrected FROM year_texts ORDER BY item_code"
    )
    assert confirmed == [
        ("4.1", "Переговоры с музеями. Выставка открыта.", 0),
        ("4.2", "Фонды обменялись изданиями.", 0),
        ("4.3", "Провели совместный фестиваль народного творчества.", 1),
    ]
    at(live.clock, 2021, 12, 6, 7)  # 14 days before: only what is left
    await live.running.reminders.run()
    reminder = texts(live, 1001)[-1]
    assert reminder.startswith("⏰ Годовой отчёт за 2021 г. — до 20.12.2021 (осталось 14 дней)")
    assert "4.4" in reminder and "4.1" not in reminder and "4.3" not in reminder


async def test_a_text_too_long_is_kept_to_be_saved_shortened(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    at(live.clock, 2021, 12, 1, 9)
    anna = live.user(1001)
    [card] = await anna.send("/year")
    assert "<b>4.1</b>" in card.html
    await anna.click("Написать итоги", card)
    [too_long] = await anna.send("Большая работа. " * 200)
    assert "длиннее 2\xa0000 символов" in too_long.text
    [saved] = await anna.click("Сохранить сокращённым", too_long)
    assert saved.text.startswith("✅ Итоги по 4.1 подтверждены.")
    [(text,)] = await rows(live, "SELECT text FROM year_texts")
    assert len(text) <= 2000 and text.endswith("…")
    [reply] = await anna.send("/year 1999")
    assert reply.text.startswith("Укажите год дорожной карты: от 2020 до 2022, например /year")
