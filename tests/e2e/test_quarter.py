"""A coordinator's quarter, counted in taps and typed messages: from a reminder to a saved
report, everything unchanged at once, my side's view on one phone screen, and nothing typed
ever lost on the way."""

from __future__ import annotations

from bot.domain.people import AuditRecord
from bot.sandbox.emulator.client import BotClient
from bot.telegram.views.common import PHONE_CHARS, PHONE_LINES
from tests.conftest import ADMIN_ID
from tests.e2e.test_reminders import at, make_coordinator, report

CULTURE_SPB = "spb-9cdf3d"
CULTURE_TOMSK = "tomsk-d8cd4d"
YOUTH_TOMSK = "tomsk-f7fff2"  # the largest department: 5.1-5.4 and 8.1
YOUTH_SPB = "spb-51abc2"


class Counted:
    """A user whose taps and typed messages are counted."""

    def __init__(self, user: BotClient) -> None:
        self.user, self.taps, self.typed = user, 0, 0

    async def tap(self, label, message=None):
        self.taps += 1
        return await self.user.click(label, message)

    async def type(self, text):
        self.typed += 1
        return await self.user.send(text)


CARRIED = "SELECT item_code, status FROM status_updates WHERE carried_forward = 1"


async def rows(live, sql="SELECT item_code, status, comment, carried_forward FROM status_updates"):
    return [tuple(r) for r in await live.running.repo.db.fetchall(sql)]


def on_a_phone(text: str) -> bool:
    return len(text) <= PHONE_CHARS and text.count("\n") + 1 <= PHONE_LINES


async def test_from_a_reminder_to_a_saved_report_in_three_taps_and_one_message(live):
    await make_coordinator(live, 1003, YOUTH_TOMSK, name="Пётр")
    at(live.clock, 2021, 3, 21, 3)  # 10:00 in Tomsk, ten days before the quarter ends
    await live.running.reminders.run()
    [reminder] = live.emulator.sent_to(1003)
    labels = [b["text"] for b in reminder.buttons()]
    # 5.2 and 5.3 share a long beginning: their buttons show the part that differs
    five_two, five_three = (next(x for x in labels if f" {c} " in x) for c in ("5.2", "5.3"))
    assert five_two[6:] != five_three[6:]
    assert "Без изменений по всем" not in " ".join(labels)  # nothing reported before

    petr = Counted(live.user(1003))
    [statuses] = await petr.tap(five_three, reminder)
    assert statuses.text.startswith("5.3") and statuses.button("Выполняется")
    [summary] = await petr.tap("Выполняется", statuses)
    assert "комментарий" in summary.text
    [summary] = await petr.type("Провели отбор участников форума")
    assert "Провели отбор участников форума" in summary.text and summary.button("Подтвердить")
    [saved] = await petr.tap("Подтвердить", summary)
    assert saved.text.startswith("✅ Сохранено: 5.3 — Выполняется")
    assert (petr.taps, petr.typed) == (3, 1)
    assert await rows(live) == [("5.3", "in_progress", "Провели отбор участников форума", 0)]


async def test_an_optional_comment_is_skipped_with_one_tap(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    anna = Counted(live.user(1001))
    [card] = await anna.user.send("/item 4.2")
    await anna.tap("Сообщить", card)
    [ask] = await anna.tap("Выполнено")
    # the two "without" buttons of the dialog never share callback data
    nocomment = ask.button("Без комментария")["callback_data"]
    [summary] = await anna.tap("Без комментария", ask)
    attach = summary.button("Приложить файл")["callback_data"]
    assert nocomment != attach
    await anna.user.press(ask, nocomment)  # a late second tap on the old button
    assert anna.user.last_callback_answer().startswith("Эта кнопка устарела")
    [saved] = await anna.tap("Подтвердить", summary)
    assert saved.text.startswith("✅ Сохранено: 4.2 — Выполнено")
    assert anna.taps == 4  # card's "report", status, no comment, confirm
    assert await rows(live) == [("4.2", "done", "", 0)]


async def test_everything_unchanged_for_four_activities_in_two_taps(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    at(live.clock, 2021, 2, 1, 9)
    for code, status in (("4.1", "in_progress"), ("4.2", "postponed"), ("4.3", "at_risk")):
        await report(live, 1001, code, CULTURE_SPB, status)
    await report(live, 1001, "4.4", CULTURE_SPB, "not_started")
    at(live.clock, 2021, 6, 21, 7)  # 10:00 in Saint Petersburg, the second quarter
    await live.running.reminders.run()
    [reminder] = live.emulator.sent_to(1001)

    anna = Counted(live.user(1001))
    [ask] = await anna.tap("Без изменений по всем (4)", reminder)
    assert ask.text.startswith("↔️ Отметить «без изменений» за 2 кв. 2021?")
    for code in ("4.1", "4.2", "4.3", "4.4"):
        assert code in ask.text
    assert "🔄 Выполняется" in ask.text and on_a_phone(ask.text)
    yes = ask.button("Да, без изменений (4)")["callback_data"]
    await anna.tap("Да, без изменений (4)", ask)
    assert ask.text.startswith("↔️ Отмечено «без изменений» за 2 кв. 2021: 4")
    assert anna.taps == 2
    carried = await rows(live, CARRIED)
    assert sorted(carried) == [
        ("4.1", "in_progress"),
        ("4.2", "postponed"),
        ("4.3", "at_risk"),
        ("4.4", "not_started"),
    ]

    # a second tap, on either button, records nothing more
    await anna.user.press(ask, yes)
    await anna.user.click("Без изменений по всем (4)", reminder)
    assert len(await rows(live)) == 8
    [listing] = await anna.user.send("/my_items")
    assert "За 2 кв. 2021 отчёты есть по всем мероприятиям" in listing.text


async def test_one_activity_unchanged_from_its_reminder_in_two_taps(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    at(live.clock, 2021, 2, 1, 9)
    await report(live, 1001, "4.1", CULTURE_SPB, "in_progress")
    for code in ("4.2", "4.3", "4.4"):
        await report(live, 1001, code, CULTURE_SPB, "done")
    at(live.clock, 2021, 6, 21, 7)
    await live.running.reminders.run()
    [reminder] = live.emulator.sent_to(1001)
    anna = Counted(live.user(1001))
    [ask] = await anna.tap("Без изменений с прошлого отчёта", reminder)
    await anna.tap("Да, без изменений (1)", ask)
    assert anna.taps == 2
    carried = await rows(live, CARRIED)
    assert carried == [("4.1", "in_progress")]


async def test_my_items_for_the_largest_department_fits_a_phone_screen(live):
    await make_coordinator(live, 1003, YOUTH_TOMSK, name="Пётр")
    await make_coordinator(live, 1004, YOUTH_SPB, name="Ирина")
    at(live.clock, 2021, 2, 1, 9)
    await report(live, 1003, "5.1", YOUTH_TOMSK, "done")
    await report(live, 1004, "5.2", YOUTH_SPB, "in_progress")
    await report(live, 1004, "5.3", YOUTH_SPB, "at_risk")
    at(live.clock, 2021, 3, 1, 9)

    petr = live.user(1003)
    pages = await petr.send("/my_items")
    for page in pages:
        assert on_a_phone(page.text) or page.button("▶️")
    listing = pages[0].text
    assert "⏳ Осталось отчитаться за 1 кв. 2021: 5.2, 5.3, 5.4, 8.1" in listing
    assert "✅ отчёт за 1 кв. 2021 есть: ✅ Выполнено, 01.02" in listing  # 5.1, my side
    assert "Санкт-Петербург: 🔄 Выполняется, 01.02" in listing  # 5.2, the other side
    # one button per owed activity, titles told apart
    labels = [b["text"] for b in pages[0].buttons()]
    owed = [x for x in labels if x.startswith("✍️")]
    assert len(owed) == 4 and len(set(x[6:] for x in owed)) == 4

    # the other side sees its own standing, not ours
    irina = live.user(1004)
    listing = "\n".join(m.text for m in await irina.send("/my_items"))
    assert "⏳ Осталось отчитаться за 1 кв. 2021: 5.1, 5.4" in listing
    assert "Томская область: ✅ Выполнено, 01.02" in listing


async def test_a_coordinator_of_two_departments_sees_what_each_owes(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    await make_coordinator(live, 1001, YOUTH_SPB)
    at(live.clock, 2021, 3, 1, 9)
    pages = await live.user(1001).send("/my_items")
    listing = "\n".join(m.text for m in pages)
    assert "⏳ Осталось отчитаться за 1 кв. 2021:" in listing
    assert "• Комитет по культуре Санкт-Петербурга: <b>" not in listing  # HTML is rendered
    assert "Комитет по культуре Санкт-Петербурга: 4.1, 4.2, 4.3, 4.4" in listing
    assert "5.1, 5.2, 5.3, 5.4" in listing
    for page in pages:
        assert len(page.text) <= 4096 and (on_a_phone(page.text) or page.button("▶️"))


async def test_the_one_message_form_forgives(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    anna = live.user(1001)

    # a status without the comment it needs: asked for, the next message taken as it
    [ask] = await anna.send("/update 4.3 есть риски")
    assert "комментарий" in ask.text
    [saved] = await anna.send("помещение на ремонте")  # complete now: saved, as /update is
    assert saved.text.startswith("✅ Сохранено: 4.3 — Есть риски")

    # a misspelt status: the closest as buttons, the comment kept
    [guess] = await anna.send("/update 4.1 выполняеться: переговоры с музеями")
    labels = [b["text"] for b in guess.buttons()]
    assert any("Выполняется" in x for x in labels)
    assert guess.text.count("Выполнено") <= 1  # the status list is not printed twice
    [saved] = await anna.click("Выполняется", guess)
    assert saved.text.startswith("✅ Сохранено: 4.1 — Выполняется")

    # "5,1", /Update, and plain text that starts with a code and a status
    [saved] = await anna.send("/Update 4,2 выполнено: обменялись изданиями")
    assert saved.text.startswith("✅ Сохранено: 4.2 — Выполнено")
    [summary] = await anna.send("4.4 не начато: делегация будет в мае")  # shown to confirm
    [saved] = await anna.click("Подтвердить", summary)
    assert saved.text.startswith("✅ Сохранено: 4.4 — Не начато")
    assert await rows(live) == [
        ("4.3", "at_risk", "помещение на ремонте", 0),
        ("4.1", "in_progress", "переговоры с музеями", 0),
        ("4.2", "done", "обменялись изданиями", 0),
        ("4.4", "not_started", "делегация будет в мае", 0),
    ]


async def test_nothing_typed_is_lost_in_the_dialog(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    anna = live.user(1001)
    [card] = await anna.send("/item 4.1")
    await anna.click("Сообщить", card)
    await anna.click("Выполняется")

    # a voice message: text is needed, the dialog stays
    [voice] = await anna.send_content("voice")
    assert "текстом" in voice.text

    # a comment over the limit: kept, offered shortened (showing where it cuts)
    long = "Подробный отчёт о работе." * 100  # 2,500 characters
    [too_long] = await anna.send(long)
    assert "длиннее 2\xa0000 символов (2\xa0500)" in too_long.text
    assert len(too_long.text) <= 4096
    [summary] = await anna.click("Сохранить сокращённым", too_long)
    await anna.click("Подтвердить", summary)
    [(comment,)] = await rows(live, "SELECT comment FROM status_updates")
    assert len(comment) <= 2000 and long.startswith(comment.rstrip("…").rstrip())

    # a photo with a caption at the comment step: the caption is the comment
    await anna.click("Сообщить", card)
    await anna.click("Выполнено")
    [summary] = await anna.send_content("photo", caption="Фотоотчёт о выставке")
    assert "Фотоотчёт о выставке" in summary.text and "фото" in summary.text
    # text typed at the confirmation corrects the comment
    [summary] = await anna.send("Выставка открыта, фотоотчёт приложен")
    assert "Выставка открыта, фотоотчёт приложен" in summary.text and "фото" in summary.text
    await anna.click("Подтвердить", summary)
    assert (await rows(live))[-1] == ("4.1", "done", "Выставка открыта, фотоотчёт приложен", 0)


async def test_an_edit_keeps_the_comment_and_a_withdrawal_asks_first(live):
    await make_coordinator(live, 1001, CULTURE_SPB)
    anna = live.user(1001)
    await anna.send("/update 4.1 выполняется: переговоры с музеями")
    [history] = await anna.send("/history 4.1")
    [statuses] = await anna.click("✏️", history)
    [ask] = await anna.click("Выполнено", statuses)
    assert "переговоры с музеями" in ask.text
    [summary] = await anna.click("Оставить комментарий", ask)
    await anna.click("Подтвердить", summary)
    assert await rows(live) == [("4.1", "done", "переговоры с музеями", 0)]

    [history] = await anna.send("/history 4.1")
    [confirm] = await anna.click("🗑", history)
    assert confirm.text.startswith("Отозвать отчёт #") and confirm.button("Нет, оставить")
    await anna.click("Нет, оставить", confirm)
    assert "оставлен" in confirm.text and not confirm.buttons()  # the question, answered
    [history] = await anna.send("/history 4.1")
    assert "отозван" not in history.text
    [confirm] = await anna.click("🗑", history)
    await anna.click("Да, отозвать", confirm)
    assert "отозван" in confirm.text
    [history] = await anna.send("/history 4.1")
    assert "<s>" not in history.text and "отозван автором" in history.text
    assert any(e.type == "strikethrough" for e in history.entities)

    admin = live.user(ADMIN_ID, "Ольга", "ru")
    audit = "\n".join(m.text for m in await admin.send("/audit"))
    assert "Анна отозвала отчёт по 4.1" in audit


async def test_a_pending_newcomer_is_told_the_request_waits(live):
    repo = live.running.repo
    live.emulator.add_user(1005, "Вера", "ru")
    await repo.touch_user(1005, "Вера", None, None, "ru")
    await repo.request_membership(
        1005, CULTURE_SPB, False, AuditRecord(1005, "membership.request", 1005, CULTURE_SPB)
    )
    vera = live.user(1005)
    for command in ("/my_items", "/start"):
        answers = "\n".join(m.text for m in await vera.send(command))
        assert "заявка в «Комитет по культуре Санкт-Петербурга» ждёт решения" in answers
        assert "Выберите" not in answers


async def test_examples_work_for_this_user(live):
    await make_coordinator(live, 1003, YOUTH_TOMSK, name="Пётр")
    petr = live.user(1003)
    [help_text] = await petr.send("/help")
    assert "/update 5.1" in help_text.text and "4.1" not in help_text.text
    [usage] = await petr.send("/update")
    assert "/update 5.1" in usage.text
    [usage] = await petr.send("/item")
    assert "/item 5.1" in usage.text

    # the pause date example is in the future, and "15.01" is the next 15 January
    at(live.clock, 2021, 3, 1, 9)
    [settings] = await petr.send("/settings")
    [ask] = await petr.click("Пауза до даты", settings)
    assert "например 15.03.2021" in ask.text  # two weeks from today
    paused = "\n".join(m.text for m in await petr.send("15.01"))
    assert "на паузе до 15.01.2022" in paused


async def test_sibling_titles_are_told_apart_in_the_list_too(live):
    await make_coordinator(live, 1003, YOUTH_TOMSK, name="Пётр")
    [listing] = await live.user(1003).send("/my_items")
    assert "<b>5.2</b> Содействие участию… Петербургском международном" in listing.html
    assert "<b>5.3</b> Содействие участию… международном форуме добровольцев" in listing.html
