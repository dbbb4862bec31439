"""/audit: the office reads the changes made, in sentences, filtered and paged on a phone."""

from __future__ import annotations

from tests.e2e.scenario import (
    CULTURE_SPB,
    CULTURE_TOMSK,
    admin_ready,
    approve_last_request,
    request_department,
)
from tests.e2e.test_reminders import at

PHONE = 1500
TOMSK = "Департамент по культуре Томской области"
ADMIN_ONLY = "Это действие доступно только администраторам."


def lines(message) -> list[str]:
    """The sentences of a page: the lines after its heading."""
    return message.text.split("\n\n", 1)[1].split("\n")


async def changes_made(live):
    """An admin approves a coordinator, who reports and withdraws it, confirms a year-end
    text; the admin downloads the annual report and looks at /missing a few times."""
    admin = await admin_ready(live)
    anna = live.user(1001, "Анна")
    at(live.clock, 2021, 3, 15, 9, 0)
    await request_department(anna, "Томская область", CULTURE_TOMSK)
    live.clock.advance(minutes=2)
    await approve_last_request(live)
    live.clock.advance(minutes=5)
    await anna.send("/update 4.1 выполняется: переговоры с музеями")
    [history] = await anna.send("/history 4.1")
    [confirm] = await anna.click("🗑", history)
    await anna.click("Да, отозвать", confirm)
    for scope in ("", " year", ""):
        await admin.send("/missing" + scope)

    at(live.clock, 2021, 12, 1, 11, 2)  # 14:02 in Moscow
    [card] = await anna.send("/year")
    await anna.click("Написать итоги", card)
    [saved] = await anna.send("Провели совместную выставку.")
    assert saved.text.startswith("✅ Итоги по 4.1 подтверждены.")
    live.clock.advance(minutes=3)
    sent = await admin.send("/report 2021")
    assert [m.kind for m in sent] == ["document", "document"]
    await admin.send("/missing")
    return admin, anna


async def test_the_trail_reads_as_sentences_and_filters(live):
    admin, anna = await changes_made(live)
    [page] = await admin.send("/audit")
    assert page.text.startswith("Журнал изменений\n\n")
    assert lines(page) == [  # newest first, times in Moscow, people and departments by name
        "01.12 14:05 — Ольга скачала отчёт за 2021 год",
        "01.12 14:02 — Анна написала свой текст итогов года по 4.1 (2021)",  # her own words
        "15.03 12:07 — Анна отозвала отчёт по 4.1",
        f"15.03 12:02 — Ольга одобрила заявку: Анна — координатор ведомства «{TOMSK}»",
        f"15.03 12:00 — Анна подала заявку в «{TOMSK}»",
    ]
    codes = [d.id for d in live.running.roadmap.departments]
    for code in ("membership.", "admin.", "yearend.", "report.", *codes):
        assert code not in page.text, code
    assert page.buttons() == []  # one page: nothing to turn

    [found] = await admin.send("/audit по культуре")
    assert found.text.startswith(
        "Журнал изменений\nОтбор «по культуре»: «Комитет по культуре Санкт-Петербурга», "
        f"«{TOMSK}»\n\n"
    )
    assert [line.split(" — ", 1)[1].split()[0:2] for line in lines(found)] == [
        ["Анна", "написала"],
        ["Анна", "отозвала"],  # the withdrawn report was the department's
        ["Ольга", "одобрила"],
        ["Анна", "подала"],
    ]
    [more] = await admin.send("/audit культур")  # five departments: three named
    assert "«Комитет по физической культуре и спорту», «" in more.text
    assert "» и ещё 2\n\n" in more.text
    tomsk = next(d.id for d in live.running.roadmap.departments if d.name == TOMSK)
    [by_id] = await admin.send(f"/audit {tomsk.upper()}")
    assert f"«{tomsk.upper()}»: «{TOMSK}»" in by_id.text and len(lines(by_id)) == 4

    [hers] = await admin.send("/audit анн")
    assert hers.text.startswith("Журнал изменений\nОтбор «анн»: Анна\n\n")
    assert len(lines(hers)) == 4 and "скачала" not in hers.text  # what she did, or was done to her
    [olga] = await admin.send("/audit 1")  # by id
    assert "Отбор «1»: Ольга" in olga.text and len(lines(olga)) == 2

    [activity] = await admin.send("/audit 4,1")  # an activity, by its number
    assert activity.text.startswith("Журнал изменений\nОтбор «4,1»: мероприятие 4.1\n\n")
    assert [line.split(" — ", 1)[1] for line in lines(activity)] == [
        "Анна написала свой текст итогов года по 4.1 (2021)",
        "Анна отозвала отчёт по 4.1",
    ]

    [nothing] = await admin.send("/audit <b>Минфин</b>")
    assert nothing.text.startswith(
        "По «<b>Минфин</b>» не нашлось ни мероприятия, ни ведомства, ни человека из журнала."
    )
    [quiet] = await admin.send("/audit Комитет по науке")
    assert quiet.text.endswith("По этому отбору изменений пока не было.")

    [refused] = await anna.send("/audit")
    assert refused.text == ADMIN_ONLY
    await anna.press(anna.last(), "au:1:культур")
    assert anna.last_callback_answer() == ADMIN_ONLY


async def test_pages_of_a_long_trail_turn_in_place(live):
    admin, anna = await changes_made(live)
    ivan = live.user(1006, "Иван")
    await request_department(ivan, "Санкт-Петербург", CULTURE_SPB)
    await admin.click("Отклонить", admin.last_with_buttons())
    for _ in range(4):  # Anna leaves and comes back: three changes each time
        live.clock.advance(minutes=11)
        [subs] = await anna.send("/unsubscribe")
        await anna.click("Выйти: Департамент по культуре", subs)
        await anna.click("Да, выйти", subs)
        live.clock.advance(minutes=11)
        await request_department(anna, "Томская область", CULTURE_TOMSK)
        await approve_last_request(live)

    # 5 + 2 + 12 changes; /missing and /audit itself are not among them
    [page] = await admin.send("/audit")
    assert page.text.startswith("Журнал изменений · стр. 1 из 2\n\n")
    assert len(lines(page)) == 12
    assert lines(page)[0].endswith(f"Ольга одобрила заявку: Анна — координатор ведомства «{TOMSK}»")
    assert lines(page)[2].endswith(f"Анна вышла из ведомства «{TOMSK}»")
    assert [b["text"] for b in page.buttons()] == ["← Раньше"]
    first = page.text

    await admin.click("← Раньше", page)
    assert page.edits == 1 and admin.last() is page  # the same message, edited
    assert page.text.startswith("Журнал изменений · стр. 2 из 2\n\n")
    assert len(lines(page)) == 7
    assert lines(page)[0].endswith(
        f"Ольга отклонила заявку: Иван в «{CULTURE_SPB} Санкт-Петербурга»"
    )
    assert lines(page)[-1] == f"15.03 12:00 — Анна подала заявку в «{TOMSK}»"
    assert [b["text"] for b in page.buttons()] == ["Позже →"]
    await admin.click("Позже →", page)
    assert page.text == first

    [found] = await admin.send("/audit Иван")
    assert len(lines(found)) == 2 and found.buttons() == []
    for message in live.emulator.sent_to(admin.user_id):
        assert len(message.text) <= PHONE
