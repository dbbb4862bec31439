"""One coordinator, several roadmaps: the same department in each, one list grouped by
roadmap, codes that several roadmaps share asked about with buttons, a roadmap prefix
typed, one reminder across them all, and a roadmap whose period is over closed for new
reports while its successor takes them."""

from __future__ import annotations

import pytest

from bot.domain.roadmap import Department, Item, Party, Roadmap, Section, YearSpan
from tests.conftest import ADMIN_ID
from tests.e2e.test_reminders import at, make_coordinator

pytestmark = pytest.mark.backends  # on SQLite and on PostgreSQL

CULTURE_SPB = "spb-9cdf3d"


def second_roadmap(years: YearSpan, other: Party, title: str) -> Roadmap:
    """Saint Petersburg with another region; its culture committee spelt a little
    differently (quotes, case, spacing), as documents do."""
    spb = Party("spb", "Санкт-Петербург", "Europe/Moscow")
    culture = Department("spb-x1", "spb", "комитет  по культуре Санкт-Петербурга")
    theirs = Department(f"{other.id}-c1", other.id, f"Министерство культуры ({other.name})")
    trade = Department(f"{other.id}-t1", other.id, "Министерство торговли")
    return Roadmap(
        title=title,
        years=years,
        parties=[spb, other],
        sections=[Section("1", "Торговля"), Section("4", "Культура")],
        departments=[culture, theirs, trade],
        items=[
            Item("1.1", "1", "Ярмарка товаров", "ежегодно", {other.id: [trade.id]}),
            Item(
                "4.1",
                "4",
                "Дни культуры в Великом Новгороде",
                "2021",
                {"spb": [culture.id], other.id: [theirs.id]},
            ),
            Item(
                "4.5", "4", "Гастроли театров", "2022", {"spb": [culture.id], other.id: [theirs.id]}
            ),
        ],
    )


NOVGOROD = Party("novgorod", "Новгородская область", "Europe/Moscow")


async def load(live, roadmap: Roadmap) -> int:
    roadmaps = live.running.services.roadmaps
    loaded = await roadmaps.load(roadmaps.preview(roadmap), ADMIN_ID)
    return loaded.entry.number


async def test_one_coordinator_sees_both_roadmaps_and_picks_among_shared_codes(live):
    number = await load(
        live, second_roadmap(YearSpan(2020, 2022), NOVGOROD, "План СПб — Новгород 2020-2022")
    )
    assert number == 2
    # the culture committee is one department: subscribed once, it executes in both
    assert live.running.roadmap.item("2/4.1").executors["spb"] == [CULTURE_SPB]
    await make_coordinator(live, 1001, CULTURE_SPB)
    anna = live.user(1001)
    at(live.clock, 2021, 5, 10, 9)
    greeting, *_ = await anna.send("/start")
    assert "Их 2:" in greeting.text and "• СПб — Новгородская обл. 2020-2022" in greeting.text

    [mine] = await anna.send("/my_items")
    text = mine.text
    assert "🗺 СПб — Томская обл. 2020-2022" in text
    assert "СПб — Новгородская обл. 2020-2022" in text
    assert text.index("Томская обл.") < text.index("Новгородская обл.")
    assert "2/4.1" in text  # owed on top, by the code one can type

    [which] = await anna.send("/item 4.1")
    assert "нескольких дорожных картах" in which.text
    labels = [b["text"] for b in which.buttons()]
    assert len(labels) == 2 and "Новгородская" in labels[1]
    [card] = await anna.click(labels[1], which)
    assert "Дорожная карта: СПб — Новгородская обл. 2020-2022" in card.text
    assert "Новгородская область" in card.text and "Томская область" not in card.text

    # typed text waits for the choice and is kept
    [which] = await anna.send("/update 4.1 выполняется: подготовили программу")
    [saved] = await anna.click([b["text"] for b in which.buttons()][1], which)
    assert saved.text.startswith("✅ Сохранено: 4.1 («СПб — Новгородская обл. 2020-2022»)")
    # the first roadmap's 4.1 can be chosen just as well
    [which] = await anna.send("/update 4.1 выполнено: выставка открыта")
    [first, second] = [b["text"] for b in which.buttons()]
    [saved] = await anna.click(first, which)
    assert saved.text.startswith("✅ Сохранено: 4.1 («СПб — Томская обл. 2020-2022»)")
    # a question's button cannot take a later message's text
    [old] = await anna.send("/update 4.1 не начато: старый текст")
    await anna.send("/update 4.1 перенесено: новый текст")
    [stale] = await anna.click(second, old)
    assert "устарела" in stale.text
    # the prefix names the roadmap at once
    [saved] = await anna.send("/update 2/4.5 выполнено: гастроли прошли")
    assert saved.text.startswith("✅ Сохранено: 4.5 («СПб — Новгородская обл. 2020-2022»)")
    rows = await live.running.repo.db.fetchall(
        "SELECT item_code, comment FROM status_updates ORDER BY id"
    )
    assert [tuple(r) for r in rows] == [
        ("2/4.1", "подготовили программу"),
        ("4.1", "выставка открыта"),
        ("2/4.5", "гастроли прошли"),
    ]


async def test_a_coordinator_of_one_roadmap_sees_its_codes_as_printed(live):
    await load(
        live, second_roadmap(YearSpan(2020, 2022), NOVGOROD, "План СПб — Новгород 2020-2022")
    )
    await make_coordinator(live, 1004, "novgorod-c1", name="Павел")
    pavel = live.user(1004, "Павел")
    at(live.clock, 2021, 5, 10, 9)
    [mine] = await pavel.send("/my_items")
    assert "2/" not in mine.text and "4.1, 4.5" in mine.text
    assert all("2/" not in b["text"] for b in mine.buttons())
    [saved] = await pavel.send("/update 4.1 выполняется: готовим")
    assert saved.text.startswith("✅ Сохранено: 4.1 («СПб — Новгородская обл. 2020-2022»)")
    [help_text] = await pavel.send("/help")
    assert "/update 4.1 " in help_text.text


async def test_one_reminder_lists_what_is_owed_across_roadmaps(live):
    await load(
        live, second_roadmap(YearSpan(2020, 2022), NOVGOROD, "План СПб — Новгород 2020-2022")
    )
    await make_coordinator(live, 1001, CULTURE_SPB)
    at(live.clock, 2021, 3, 21, 7)  # 10:00 in Saint Petersburg, ten days before the quarter ends
    await live.running.reminders.run()
    [reminder] = live.emulator.sent_to(1001)
    labels = " ".join(b["text"] for b in reminder.buttons())
    # 4.1 is in both roadmaps: named with its roadmap's number; 4.5 only in the second
    assert "1/4.1" in labels and "2/4.1" in labels and " 4.5 " in f" {labels} "
    assert "1/4.1" in reminder.text and "2/4.1" in reminder.text
    tomsk = reminder.text.index("🗺 СПб — Томская обл. 2020-2022")
    novgorod = reminder.text.index("🗺 СПб — Новгородская обл. 2020-2022")
    assert tomsk < reminder.text.index("1/4.1") < novgorod < reminder.text.index("2/4.1")


async def test_an_ended_roadmap_takes_no_reports_and_names_its_successor(live):
    successor = second_roadmap(
        YearSpan(2023, 2025),
        Party("tomsk", "Томская область", "Asia/Tomsk"),
        "План СПб — Томская область 2023-2025",
    )
    await load(live, successor)
    await make_coordinator(live, 1001, CULTURE_SPB)
    anna = live.user(1001)
    at(live.clock, 2023, 5, 10, 9)
    [refused] = await anna.send("/update 4.2 выполняется: работаем")
    assert "принимала отчёты за 2020–2022 годы" in refused.text
    assert "СПб — Томская обл. 2023-2025" in refused.text
    assert not await live.running.repo.db.fetchall("SELECT id FROM status_updates")
    [mine] = await anna.send("/my_items")
    assert "отчёты принимались по 2022 год" in mine.text
    owed, first, *_ = mine.text.split("\n\n")
    assert "2/4.1, 4.5" in owed  # the new roadmap's activities are owed
    assert first.startswith("🗺 СПб — Томская обл. 2023-2025")  # and come first
    [history] = await anna.send("/history 4.2")  # the old roadmap stays readable
    assert "4.2" in history.text


async def test_a_photo_sent_with_a_shared_code_keeps_its_photo_through_the_choice(live):
    await load(
        live, second_roadmap(YearSpan(2020, 2022), NOVGOROD, "План СПб — Новгород 2020-2022")
    )
    await make_coordinator(live, 1001, CULTURE_SPB)
    anna = live.user(1001)
    at(live.clock, 2021, 5, 10, 9)
    [which] = await anna.send_content("photo", "/update 4.1 выполнено: афиша дней культуры")
    [saved] = await anna.click([b["text"] for b in which.buttons()][1], which)
    assert saved.text.startswith("✅ Сохранено: 4.1 («СПб — Новгородская обл. 2020-2022»)")
    [row] = await live.running.repo.db.fetchall(
        "SELECT item_code, comment, evidence_kind FROM status_updates"
    )
    assert tuple(row) == ("2/4.1", "афиша дней культуры", "photo")
