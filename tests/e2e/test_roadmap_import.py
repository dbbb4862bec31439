"""The office loads roadmaps in the bot: a file from a global admin, its summary, a tap to
load it; a corrected edition with its diff; a party's time zone; /roadmaps; and the
`import-roadmap --load` command. A file from anyone else, or one that is not a roadmap,
loads nothing."""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
from pathlib import Path

import pytest

from bot.cli import main
from bot.composition import open_storage
from bot.importer import import_roadmap
from tests.conftest import ROADMAP_JSON, FakeClock, make_settings
from tests.e2e.scenario import ADMIN_ID, admin_ready
from tests.e2e.test_reminders import at
from tests.unit.docx_builder import Span, write_docx
from tests.unit.test_roadmap_service import (
    SHIPPED_TEXT,
    _header,
    corrected_edition,
    foreign_roadmap,
    other_agreement,
    second_roadmap,
)


async def test_a_second_roadmap_is_loaded_from_a_docx(live, tmp_path: Path):
    admin = await admin_ready(live)
    content = second_roadmap(tmp_path / "omsk.docx").read_bytes()
    [summary] = await admin.send_document("План Омск.docx", content)
    text = summary.text
    assert text.startswith("📥 Дорожная карта из файла «План Омск.docx»")
    assert "Стороны: Санкт-Петербург (Europe/Moscow) — Омская область (Asia/Omsk)" in text
    assert "Период: 2023-2025" in text
    assert "Разделов: 3, мероприятий: 3, ведомств: 4" in text
    assert "Уже известны боту: 2 — Комитет по культуре Санкт-Петербурга; Центр" in text
    assert "Новая дорожная карта, получит № 2: «СПб — Омская обл. 2023-2025»" in text
    assert len(text) < 1500
    await admin.click("Загрузить", summary)
    loaded = admin.last()
    assert loaded.text.startswith("✅ Дорожная карта загружена: № 2 «СПб — Омская обл. 2023-2025»")
    assert "/my_items" in loaded.text and "/invite" in loaded.text
    assert summary.buttons() == []  # the buttons go once the roadmap is loaded
    assert live.running.roadmap.entry(2) is not None

    [listing] = await admin.send("/roadmaps")
    assert "(1–2 из 2)" in listing.text
    assert "№ 1 СПб — Томская обл. 2020-2022" in listing.text
    assert "№ 2 СПб — Омская обл. 2023-2025" in listing.text
    assert "🟢 принимает отчёты" in listing.text  # 2021, the shipped roadmap's period
    assert "⏳ отчёты — с 2023 г." in listing.text


async def test_a_second_press_or_a_forged_button_loads_nothing(live, tmp_path: Path):
    admin = await admin_ready(live)
    content = second_roadmap(tmp_path / "omsk.docx").read_bytes()
    [summary] = await admin.send_document("omsk.docx", content)
    data = summary.button("Загрузить")["callback_data"]
    forged = data.replace(data.split(":")[1], "00000000")
    assert await admin.press(summary, forged) == []
    assert admin.last_callback_answer().startswith("Эта кнопка устарела")
    assert live.running.roadmap.entry(2) is None
    await admin.press(summary, data)
    assert admin.last().text.startswith("✅ Дорожная карта загружена: № 2")
    assert await admin.press(summary, data) == []  # again: nothing waits any more
    assert admin.last_callback_answer().startswith("Эта кнопка устарела")
    assert [e.number for e in live.running.roadmap.entries] == [1, 2]


async def test_a_corrected_edition_shows_its_diff_and_survives_a_restart(live, tmp_path: Path):
    admin = await admin_ready(live)
    content = corrected_edition(tmp_path / "fixed.txt").read_bytes()
    [summary] = await admin.send_document("spb-tomsk-2020-2022.txt", content)
    assert "✏️ Исправленная редакция дорожной карты № 1 «СПб — Томская обл. 2020-2022»" in (
        summary.text
    )
    assert "изменены (1): 4.1" in summary.text
    assert "исключены (1): 9.3" in summary.text and "добавлены" not in summary.text
    await live.restart()  # the import waits in the database
    await admin.click("Загрузить", summary)
    assert admin.last().text.startswith("✅ Дорожная карта загружена: № 1")
    catalog = live.running.roadmap
    assert catalog.item("9.3") is None and catalog.known_item("9.3") is not None
    # the same edition again: nothing to load, no button
    [again] = await admin.send_document("fixed.txt", content)
    assert "Эта редакция уже загружена" in again.text and again.buttons() == []


async def test_an_edition_loaded_meanwhile_is_shown_afresh(live, tmp_path: Path):
    admin = await admin_ready(live)
    fixed = corrected_edition(tmp_path / "fixed.txt")
    [summary] = await admin.send_document("fixed.txt", fixed.read_bytes())
    # another admin loads another edition (only 9.3 gone) while this one waits
    lines = SHIPPED_TEXT.read_text(encoding="utf-8").splitlines(keepends=True)
    other = tmp_path / "other.txt"
    other.write_text("".join(x for x in lines if not x.startswith("9.3.")), encoding="utf-8")
    roadmaps = live.running.services.roadmaps
    await roadmaps.load(roadmaps.preview(import_roadmap(other)), 2)
    await admin.click("Загрузить", summary)
    fresh = admin.last()
    assert fresh.text.startswith("⚠️ Пока вы смотрели, другой администратор загрузил")
    assert "изменены (1): 4.1" in fresh.text and "исключены" not in fresh.text
    assert live.running.roadmap.item("4.1").title.startswith("Оказание содействия")
    await admin.click("Загрузить", fresh)
    assert admin.last().text.startswith("✅ Дорожная карта загружена: № 1")
    assert live.running.roadmap.item("4.1").title.startswith("Содействие")


async def test_a_foreign_party_is_given_its_time_zone(live, tmp_path: Path):
    admin = await admin_ready(live)
    content = foreign_roadmap(tmp_path / "by.docx").read_bytes()
    [question] = await admin.send_document("by.docx", content)
    assert "«Республики Беларусь» — не субъект Российской Федерации" in question.text
    labels = [b["text"] for b in question.buttons()]
    assert "Moscow UTC+3" in labels and "Vladivostok UTC+10" in labels
    assert "Minsk UTC+3" in labels and any(x.startswith("Almaty UTC+") for x in labels)
    [summary] = await admin.click("Minsk", question)
    assert "Республики Беларусь (Europe/Minsk)" in summary.text
    await admin.click("Загрузить", summary)
    entry = live.running.roadmap.entry(2)
    assert entry is not None and entry.roadmap.parties[1].timezone == "Europe/Minsk"


async def test_a_bad_row_is_named_and_nothing_is_loaded(live, tmp_path: Path):
    admin = await admin_ready(live)
    rows, width = _header(["Санкт-Петербурга", "Томской области"])
    rows += [
        [Span(width, "1. Раздел")],
        ["x.1", "Странная строка", "Комитет", "Департамент", "2021 г."],
    ]
    content = write_docx(tmp_path / "bad.docx", "План на 2021 год", rows).read_bytes()
    [reply] = await admin.send_document("bad.docx", content)
    assert reply.text.startswith("❌ Файл «bad.docx» не загружен")
    assert "Строка таблицы 4: «x.1» не читается ни как номер мероприятия" in reply.text
    assert str(tmp_path) not in reply.text and "/tmp" not in reply.text
    [reply] = await admin.send_document("letter.docx", b"not a zip")
    assert "Это не документ DOCX" in reply.text and "/tmp" not in reply.text
    assert "cannot" not in reply.text
    assert len(live.running.roadmap.entries) == 1


async def test_a_coordinators_docx_is_never_imported(live, tmp_path: Path):
    await admin_ready(live)
    user = live.user(1001, "Анна")
    content = second_roadmap(tmp_path / "omsk.docx").read_bytes()
    [reply] = await user.send_document("omsk.docx", content)
    assert reply.text.startswith("Загружать дорожные карты могут только администраторы")
    assert "/update" in reply.text  # how to attach a file to a status report
    assert len(live.running.roadmap.entries) == 1
    [reply] = await user.send("/roadmaps")
    assert reply.text == "Это действие доступно только администраторам."


async def test_roadmaps_prolongs_reporting_by_a_year(live):
    admin = await admin_ready(live)
    [listing] = await admin.send("/roadmaps")  # 2021: the period has a year and more to run
    assert listing.buttons() == []
    at(live.clock, 2022, 11, 1, 9)
    [listing] = await admin.send("/roadmaps")
    await admin.click("Продлить № 1 до 2023", listing)
    assert admin.last_callback_answer() == "№ 1: отчёты принимаются до 2023 г."
    assert "📅 продлена: отчёты до 2023 г." in listing.text
    assert live.running.roadmap.entry(1).last_year == 2023
    await admin.click("Отменить продление № 1", listing)
    assert live.running.roadmap.entry(1).last_year == 2022
    assert "продлена" not in listing.text


async def test_another_agreement_for_the_same_years_is_loaded_as_a_new_roadmap(
    live, tmp_path: Path
):
    admin = await admin_ready(live)
    content = other_agreement(tmp_path / "youth.docx").read_bytes()
    [summary] = await admin.send_document("youth.docx", content)
    assert "✏️ Исправленная редакция дорожной карты № 1" in summary.text
    assert "⚠️ Осторожно: эта «редакция» исключила бы 21 из 23 мероприятий" in summary.text
    assert len(summary.text) < 1500
    labels = [b["text"] for b in summary.buttons()]
    assert labels == ["🆕 Загрузить как новую дорожную карту", "✏️ Заменить редакцию № 1", "Отмена"]
    await admin.click("Загрузить как новую", summary)
    assert admin.last().text.startswith("✅ Дорожная карта загружена: № 2")
    catalog = live.running.roadmap
    assert len(catalog.items_of(1)) == 23 and catalog.retired_items(1) == []
    assert [i.code for i in catalog.items_of(2)] == ["2/1.1", "2/1.2"]


async def test_the_admins_start_names_roadmaps_and_offices(live):
    admin = live.user(ADMIN_ID, "Ольга", "ru")
    replies = await admin.send("/start")
    office = replies[-1].text
    assert "/roadmaps" in office and "DOCX" in office and "/offices" in office
    [help_] = await admin.send("/help")
    assert "/roadmaps" in help_.text and "/offices" in help_.text
    assert len(help_.text) < 1500 and len(office) < 1500


# --- python -m bot import-roadmap FILE --load -----------------------------------------------


def cli(cwd: Path, *args: str) -> tuple[int, str, str]:
    """`python -m bot import-roadmap ...` in this process, with its own environment."""
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    out, err = io.StringIO(), io.StringIO()
    try:
        os.environ.clear()
        os.environ.update({"PATH": saved_env.get("PATH", ""), "ROADMAP_PATH": str(ROADMAP_JSON)})
        os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["import-roadmap", *args])
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
async def database(tmp_path: Path) -> Path:
    """The bot's database, as its first start leaves it."""
    _, db, _ = await open_storage(make_settings(tmp_path), FakeClock())
    await db.close()
    return tmp_path / "bot.sqlite3"


async def stored(database: Path) -> list[tuple[int, str]]:
    roadmaps, db, _ = await open_storage(
        make_settings(database.parent, database_path=database), FakeClock()
    )
    try:
        assert roadmaps.catalog.known_item("9.3") is not None
        return [(e.number, e.short_name) for e in roadmaps.catalog.entries]
    finally:
        await db.close()


def test_cli_loads_a_roadmap_into_the_database(database: Path, tmp_path: Path):
    omsk = second_roadmap(tmp_path / "omsk.docx")
    code, out, err = cli(tmp_path, str(omsk), "--load", "--db", str(database))
    assert code == 0, err
    assert "period: 2023-2025" in out and "a new roadmap: No. 2" in out
    assert "loaded: No. 2 «СПб — Омская обл. 2023-2025»" in out
    fixed = corrected_edition(tmp_path / "fixed.txt")
    code, out, err = cli(tmp_path, str(fixed), "--load", "--db", str(database))
    assert code == 0, err
    assert "a corrected edition of No. 1" in out
    assert "changed (1): 4.1" in out and "retired (1): 9.3" in out
    code, out, _ = cli(tmp_path, str(fixed), "--load", "--db", str(database))
    assert code == 0 and "nothing to load" in out
    assert asyncio.run(stored(database)) == [
        (1, "СПб — Томская обл. 2020-2022"),
        (2, "СПб — Омская обл. 2023-2025"),
    ]


def test_cli_load_refuses_a_missing_database_and_a_bad_file(tmp_path: Path):
    omsk = second_roadmap(tmp_path / "omsk.docx")
    missing = tmp_path / "nowhere" / "bot.sqlite3"
    code, out, err = cli(tmp_path, str(omsk), "--load", "--db", str(missing))
    assert code != 0 and "does not exist" in err and out == ""
    assert not missing.parent.exists()
    bad = tmp_path / "bad.txt"
    bad.write_text("Уважаемые коллеги!\n", encoding="utf-8")
    code, out, err = cli(tmp_path, str(bad), "--load", "--db", str(missing))
    assert code != 0 and "no table header" in err and out == ""
