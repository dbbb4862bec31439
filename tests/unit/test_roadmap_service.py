"""RoadmapService: reading a roadmap file, previewing it as a new roadmap or a corrected
edition, loading it (once, when two editions race), prolonging reporting."""

from __future__ import annotations

import asyncio
import html
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.domain.catalog import Catalog, RoadmapEntry
from bot.domain.roadmap import Roadmap, load_roadmap
from bot.i18n import Translator
from bot.importer import ImportFormatError, ImportProblem, import_roadmap
from bot.services.roadmaps import (
    ImportPreview,
    Loaded,
    Outdated,
    RoadmapService,
    RoadmapStanding,
    Unreadable,
    ZoneNeeded,
)
from bot.telegram.views import roadmaps as views
from bot.telegram.views.common import Ui
from tests.conftest import ROADMAP_JSON, SOURCE_DIR, FakeClock
from tests.unit.docx_builder import Below, Span, write_docx

SHIPPED_TEXT = SOURCE_DIR / "spb-tomsk-2020-2022.txt"
CULTURE_SPB = "Комитет по культуре Санкт-Петербурга"
TECHNOPARK = "Центр кластерного развития АО «Технопарк Санкт-Петербурга»"


def _header(parties: list[str]) -> tuple[list[list[object]], int]:
    return [
        [
            "№ п/п",
            "Наименование мероприятия",
            Span(len(parties), "Ответственные исполнители"),
            "Срок исполнения",
        ],
        [Below(), Below(), *[f"от {p}" for p in parties], Below()],
    ], 3 + len(parties)


def second_roadmap(path: Path) -> Path:
    """A roadmap of other parties (Saint Petersburg and Omsk), three-level numbering, and
    two Saint Petersburg departments the shipped roadmap names, spelt otherwise."""
    rows, width = _header(["Санкт-Петербурга", "Омской области"])
    rows += [
        [Span(width, "1. Культура")],
        [Span(width, "1.1. Музеи")],
        [
            "1.1.1.",
            "Обменные выставки",
            ["КОМИТЕТ  ПО КУЛЬТУРЕ санкт-петербурга"],
            ["Министерство культуры Омской области"],
            "2023 г.",
        ],
        [
            "1.1.2.",
            "Гастроли театров",
            ["Комитет по культуре Санкт-Петербурга"],
            ["Министерство культуры Омской области"],
            "2024 г.",
        ],
        [Span(width, "2. Промышленность")],
        [
            "2.1.",
            "Технологическая ярмарка",
            ['Центр кластерного развития АО "Технопарк  Санкт-Петербурга"'],
            ["Министерство промышленности Омской области"],
            "ежегодно",
        ],
    ]
    title = (
        "План мероприятий по сотрудничеству Санкт-Петербурга и Омской области на 2023 – 2025 годы"
    )
    return write_docx(path, title, rows)


def foreign_roadmap(path: Path) -> Path:
    """A roadmap with a party that is not a federal subject of Russia."""
    rows, width = _header(["Санкт-Петербурга", "Республики Беларусь"])
    rows += [
        [Span(width, "1. Торговля")],
        ["1.1", "Выставка", CULTURE_SPB, "Министерство торговли", "2024 г."],
    ]
    return write_docx(path, "План мероприятий на 2024 – 2025 годы", rows)


def corrected_edition(path: Path) -> Path:
    """The shipped roadmap's text with 9.3 gone and 4.1's title changed."""
    lines = SHIPPED_TEXT.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("9.3.")]
    text = "".join(kept).replace("4.1.\tОказание содействия", "4.1.\tСодействие", 1)
    path.write_text(text, encoding="utf-8")
    return path


def successor(path: Path) -> Path:
    """The shipped roadmap's text, for the years after it: the roadmap that follows it."""
    text = SHIPPED_TEXT.read_text(encoding="utf-8").replace("2020 – 2022", "2023 – 2025", 1)
    path.write_text(text, encoding="utf-8")
    return path


def bad_row(path: Path) -> Path:
    path.write_text(
        "План на 2021 год\n\n"
        "№\tНаименование\tот Санкт-Петербурга\tот Томской области\tСрок\n"
        "<b>1. Раздел</b>\t\t\t\t\n"
        "x.1\tСтранная строка\tКомитет\tДепартамент\t2021 г.\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
async def service(repo, clock: FakeClock) -> RoadmapService:
    service = RoadmapService(Catalog(), repo, clock=clock)
    await service.start(load_roadmap(ROADMAP_JSON))
    return service


async def test_a_new_roadmap_gets_the_next_number(service: RoadmapService, tmp_path: Path):
    preview = service.preview(import_roadmap(second_roadmap(tmp_path / "omsk.docx")))
    assert (preview.number, preview.replaces, preview.diff, preview.replacing) == (
        2,
        None,
        None,
        None,
    )
    assert [item.code for item in preview.roadmap.items] == ["1.1.1", "1.1.2", "2.1"]
    assert not preview.unchanged


async def test_known_departments_are_recognised_whatever_the_spelling(
    service: RoadmapService, tmp_path: Path
):
    preview = service.preview(import_roadmap(second_roadmap(tmp_path / "omsk.docx")))
    assert sorted(d.name for d in preview.recognised) == [CULTURE_SPB, TECHNOPARK]
    known = {d.name: d.id for d in service.catalog.departments}
    culture, technopark = known[CULTURE_SPB], known[TECHNOPARK]
    items = {item.code: item for item in preview.roadmap.items}
    assert items["1.1.1"].executors["spb"] == [culture]
    assert items["1.1.2"].executors["spb"] == [culture]  # two spellings, one department
    assert items["2.1"].executors["spb"] == [technopark]
    assert len(preview.roadmap.departments) == 4  # 2 known in Petersburg, 2 in Omsk


async def test_a_corrected_edition_shows_its_diff(service: RoadmapService, tmp_path: Path):
    preview = service.preview(import_roadmap(corrected_edition(tmp_path / "fixed.txt")))
    assert preview.number == 1 and preview.replaces is service.catalog.entry(1)
    assert preview.diff is not None
    assert [i.code for i in preview.diff.added] == []
    assert [i.code for i in preview.diff.changed] == ["4.1"]
    assert [i.code for i in preview.diff.retired] == ["9.3"]
    assert preview.replacing is not None and not preview.unchanged
    again = service.preview(import_roadmap(SHIPPED_TEXT))
    assert again.unchanged


async def test_loading_a_new_roadmap(service: RoadmapService, tmp_path: Path):
    preview = service.preview(import_roadmap(second_roadmap(tmp_path / "omsk.docx")))
    result = await service.load(preview, admin_id=1)
    assert isinstance(result, Loaded) and result.entry.number == 2
    catalog = service.catalog
    assert catalog.several and catalog.item("2/1.1.2").label == "1.1.2"
    assert catalog.entry_of("2/2.1").short_name == "СПб — Омская обл. 2023-2025"
    stored = await service.store.stored_roadmaps()
    assert [(s.number, s.source, s.loaded_by) for s in stored] == [
        (1, "file", None),
        (2, "bot", 1),
    ]
    # the same file again is now an edition of roadmap 2, with nothing to load
    assert service.preview(import_roadmap(tmp_path / "omsk.docx")).unchanged


async def test_retired_activities_stay_known(service: RoadmapService, tmp_path: Path):
    preview = service.preview(import_roadmap(corrected_edition(tmp_path / "fixed.txt")))
    result = await service.load(preview, admin_id=1)
    assert isinstance(result, Loaded)
    catalog = service.catalog
    assert catalog.item("9.3") is None
    assert catalog.known_item("9.3") is not None
    assert [item.code for item in catalog.retired_items(1)] == ["9.3"]
    assert catalog.item("4.1").title.startswith("Содействие развитию")
    # the next edition brings 9.3 back: current again, retired no more
    back = service.preview(import_roadmap(SHIPPED_TEXT))
    assert [i.code for i in back.diff.added] == ["9.3"]
    assert isinstance(await service.load(back, None), Loaded)
    assert catalog.item("9.3") is not None and catalog.retired_items(1) == []


async def test_of_two_editions_confirmed_at_once_one_is_loaded(
    service: RoadmapService, tmp_path: Path
):
    fixed = import_roadmap(corrected_edition(tmp_path / "fixed.txt"))
    other = Roadmap.from_dict({**fixed.to_dict(), "title": "Другая редакция"})
    first, second = service.preview(fixed), service.preview(other)
    results = await asyncio.gather(service.load(first, 1), service.load(second, 2))
    assert sorted(type(r).__name__ for r in results) == ["Loaded", "Outdated"]
    lost = next(r for r in results if isinstance(r, Outdated))
    assert lost.preview is not None and lost.preview.number == 1
    won = next(r for r in results if isinstance(r, Loaded))
    assert service.catalog.entry(1).roadmap.title == won.entry.roadmap.title


async def test_confirming_a_preview_another_edition_overtook(
    service: RoadmapService, tmp_path: Path
):
    fixed = import_roadmap(corrected_edition(tmp_path / "fixed.txt"))
    seen = service.preview(fixed)
    other = Roadmap.from_dict({**fixed.to_dict(), "title": "Другая редакция"})
    assert isinstance(await service.load(service.preview(other), 2), Loaded)
    result = await service.confirm(fixed, seen.number, seen.replacing, 1)
    assert isinstance(result, Outdated)
    assert result.preview is not None and result.preview.diff is not None
    assert result.preview.diff.empty and not result.preview.unchanged  # only the title
    assert service.catalog.entry(1).roadmap.title == "Другая редакция"
    fresh = result.preview
    assert isinstance(await service.confirm(fixed, 1, fresh.replacing, 1), Loaded)


async def test_a_new_roadmap_confirmed_after_another_takes_the_next_number(
    service: RoadmapService, tmp_path: Path
):
    omsk = import_roadmap(second_roadmap(tmp_path / "omsk.docx"))
    seen = service.preview(omsk)
    later = import_roadmap(successor(tmp_path / "next.txt"))
    assert isinstance(await service.load(service.preview(later), 1), Loaded)
    result = await service.confirm(omsk, seen.number, seen.replacing, 1)
    assert isinstance(result, Loaded) and result.entry.number == 3


async def test_read_a_file(service: RoadmapService, tmp_path: Path):
    assert isinstance(await service.read(second_roadmap(tmp_path / "omsk.docx")), ImportPreview)
    bad = await service.read(bad_row(tmp_path / "bad.txt"))
    assert bad == Unreadable(ImportProblem("bad-row", "line", 5, {"cell": "x.1"}))
    foreign = foreign_roadmap(tmp_path / "by.docx")
    needed = await service.read(foreign)
    assert needed == ZoneNeeded("respubliki-belarus", "Республики Беларусь")
    preview = await service.read(foreign, {"respubliki-belarus": "Europe/Minsk"})
    assert isinstance(preview, ImportPreview)
    assert preview.roadmap.parties[1].timezone == "Europe/Minsk"


async def test_standings_and_prolonging(service: RoadmapService, clock: FakeClock):
    clock.moment = datetime(2023, 2, 1, tzinfo=UTC)
    [standing] = service.standings()
    assert (standing.open, standing.extended, standing.successor) == (False, None, None)
    entry = await service.prolong_by_year(1, 2023)
    assert entry is not None and entry.last_year == 2023
    assert await service.prolong_by_year(1, 2023) is not None  # a second tap: no more
    assert service.catalog.entry(1).last_year == 2023
    assert await service.prolong_by_year(1, 2030) is None  # not offered: a crafted button
    [standing] = service.standings()
    assert (standing.open, standing.extended) == (True, 2023)
    await service.end_extension(1)
    [standing] = service.standings()
    assert (standing.open, standing.extended) == (False, None)


async def test_a_closed_roadmap_names_the_one_that_follows(
    service: RoadmapService, clock: FakeClock, tmp_path: Path
):
    later = service.preview(import_roadmap(successor(tmp_path / "next.txt")))
    assert later.replaces is None and later.number == 2
    await service.load(later, 1)
    clock.moment = datetime(2023, 2, 1, tzinfo=UTC)
    first, second = service.standings()
    assert not first.open and first.successor is not None and first.successor.number == 2
    assert second.open and second.successor is None


def test_fifty_roadmaps_are_listed_a_page_at_a_time():
    shipped = load_roadmap(ROADMAP_JSON)
    entries = [RoadmapEntry(n, shipped, 2030 if n % 2 else None) for n in range(1, 51)]
    standings = [RoadmapStanding(e, 2025, None) for e in entries]
    ui = Ui(Translator().for_locale("ru"), Catalog(entries), ZoneInfo("Europe/Moscow"))
    first, last = views.listing(ui, standings, 0), views.listing(ui, standings, 99)
    assert "(1–5 из 50)" in first.text and "(46–50 из 50)" in last.text
    assert all(len(screen.text) < 1500 for screen in (first, last))
    buttons = [b.text for row in first.markup.inline_keyboard for b in row]
    assert buttons[:3] == [
        "➕ Продлить № 1 до 2031 г.",
        "↩️ Отменить продление № 1",
        "➕ Продлить № 2 до 2023 г.",
    ]
    assert buttons[-1].endswith("▶️")
    assert all(
        len(b.callback_data.encode()) <= 64 for row in first.markup.inline_keyboard for b in row
    )


def _ui(catalog: Catalog) -> Ui:
    return Ui(Translator().for_locale("ru"), catalog, ZoneInfo("Europe/Moscow"))


def test_one_more_year_is_offered_only_once_the_period_is_in_its_last_year():
    shipped = load_roadmap(ROADMAP_JSON)  # 2020-2022
    entry = RoadmapEntry(1, shipped)
    ui = _ui(Catalog([entry]))
    for year, offered in ((2020, False), (2021, False), (2022, True), (2024, True)):
        screen = views.listing(ui, [RoadmapStanding(entry, year, None)], 0)
        buttons = [b.text for row in (screen.markup or _no_buttons()).inline_keyboard for b in row]
        assert buttons == (["➕ Продлить № 1 до 2023 г."] if offered else []), year
    extended = RoadmapEntry(1, shipped, 2026)  # ROADMAP_ACTIVE_UNTIL, a year early
    screen = views.listing(ui, [RoadmapStanding(extended, 2021, None)], 0)
    assert [b.text for row in screen.markup.inline_keyboard for b in row] == [
        "↩️ Отменить продление № 1"
    ]


def _no_buttons():
    from aiogram.types import InlineKeyboardMarkup

    return InlineKeyboardMarkup(inline_keyboard=[])


async def test_a_crafted_button_does_not_prolong_a_roadmap_with_years_to_run(
    service: RoadmapService, clock: FakeClock
):
    clock.moment = datetime(2021, 6, 1, tzinfo=UTC)
    assert await service.prolong_by_year(1, 2023) is None
    assert service.catalog.entry(1).last_year == 2022
    clock.moment = datetime(2022, 6, 1, tzinfo=UTC)
    assert (await service.prolong_by_year(1, 2023)).last_year == 2023


# --- ROADMAP_ACTIVE_UNTIL after a corrected edition -------------------------------------------


async def test_roadmap_1_keeps_the_settings_extension_after_an_admin_loads_an_edition(
    repo, clock: FakeClock, tmp_path: Path
):
    service = RoadmapService(Catalog(), repo, default_until=2026, clock=clock)
    await service.start(load_roadmap(ROADMAP_JSON))
    assert service.catalog.entry(1).last_year == 2026
    preview = service.preview(import_roadmap(corrected_edition(tmp_path / "fixed.txt")))
    assert isinstance(await service.load(preview, admin_id=1), Loaded)
    [stored] = await repo.stored_roadmaps()
    assert (stored.source, stored.active_until) == ("bot", None)
    assert service.catalog.entry(1).last_year == 2026
    clock.moment = datetime(2025, 3, 1, tzinfo=UTC)
    assert service.catalog.is_open("4.1", 2025)
    # and after a restart, the edition (from the bot) still takes reports until 2026
    again = RoadmapService(Catalog(), repo, default_until=2026, clock=clock)
    await again.start(load_roadmap(ROADMAP_JSON))
    assert again.catalog.entry(1).last_year == 2026
    assert again.catalog.item("4.1").title.startswith("Содействие")
    # an admin's own choice still wins: the roadmap's period only
    await again.end_extension(1)
    assert again.catalog.entry(1).last_year == 2022


async def test_other_roadmaps_do_not_take_the_settings_extension(
    repo, clock: FakeClock, tmp_path: Path
):
    service = RoadmapService(Catalog(), repo, default_until=2030, clock=clock)
    await service.start(load_roadmap(ROADMAP_JSON))
    await service.load(service.preview(import_roadmap(second_roadmap(tmp_path / "o.docx"))), 1)
    assert service.catalog.entry(2).last_year == 2025


# --- two new roadmaps confirmed at once -----------------------------------------------------


async def test_two_new_roadmaps_confirmed_at_once_both_load_with_their_own_numbers(
    service: RoadmapService, tmp_path: Path
):
    omsk = import_roadmap(second_roadmap(tmp_path / "omsk.docx"))
    later = import_roadmap(successor(tmp_path / "next.txt"))
    first, second = service.preview(omsk), service.preview(later)
    assert first.number == second.number == 2
    results = await asyncio.gather(
        service.confirm(omsk, first.number, None, 1), service.confirm(later, second.number, None, 2)
    )
    assert all(isinstance(r, Loaded) for r in results), results
    assert sorted(r.entry.number for r in results) == [2, 3]
    assert [e.number for e in service.catalog.entries] == [1, 2, 3]
    assert {e.short_name for e in service.catalog.entries[1:]} == {
        "СПб — Омская обл. 2023-2025",
        "СПб — Томская обл. 2023-2025",
    }


async def test_the_same_new_roadmap_confirmed_twice_at_once_is_loaded_once(
    service: RoadmapService, tmp_path: Path
):
    omsk = import_roadmap(second_roadmap(tmp_path / "omsk.docx"))
    seen = service.preview(omsk)
    results = await asyncio.gather(service.load(seen, 1), service.load(seen, 2))
    assert sorted(type(r).__name__ for r in results) == ["Loaded", "Outdated"]
    lost = next(r for r in results if isinstance(r, Outdated))
    assert lost.preview is not None and lost.preview.unchanged
    assert [e.number for e in service.catalog.entries] == [1, 2]


# --- a different agreement between the same parties and years -----------------------------


def other_agreement(path: Path) -> Path:
    """Saint Petersburg and Tomsk region for 2020-2022 again, but other activities: a
    different agreement, not an edition of the shipped roadmap."""
    rows, width = _header(["Санкт-Петербурга", "Томской области"])
    rows += [
        [Span(width, "1. Молодёжная политика")],
        ["1.1", "Молодёжный форум", CULTURE_SPB, "Департамент по молодёжной политике", "2021"],
        ["1.2", "Обмен делегациями", CULTURE_SPB, "Департамент по молодёжной политике", "2022"],
    ]
    title = (
        "Соглашение о молодёжном сотрудничестве Санкт-Петербурга и Томской области "
        "на 2020 – 2022 годы"
    )
    return write_docx(path, title, rows)


async def test_an_edition_retiring_most_activities_may_be_loaded_as_a_new_roadmap(
    service: RoadmapService, tmp_path: Path
):
    other = import_roadmap(other_agreement(tmp_path / "youth.docx"))
    preview = service.preview(other)
    assert preview.number == 1 and preview.replaces is not None
    assert preview.retires_most and len(preview.diff.retired) >= 21
    screen = views.summary(_ui(service.catalog), preview, "youth.docx", "abcd1234")
    assert "Осторожно" in screen.text and "исключила бы 21 из 23" in screen.text
    buttons = [b.text for row in screen.markup.inline_keyboard for b in row]
    assert buttons == [
        "🆕 Загрузить как новую дорожную карту",
        "✏️ Заменить редакцию № 1",
        "Отмена",
    ]
    assert not service.preview(import_roadmap(corrected_edition(tmp_path / "f.txt"))).retires_most
    result = await service.confirm(other, 0, None, 1, as_new=True)
    assert isinstance(result, Loaded) and result.entry.number == 2
    catalog = service.catalog
    assert len(catalog.items_of(1)) == 23 and catalog.retired_items(1) == []
    assert [i.code for i in catalog.items_of(2)] == ["2/1.1", "2/1.2"]
    # each is then recognised as its own roadmap's edition: the one sharing most codes
    assert service.preview(other).unchanged and service.preview(other).number == 2
    fixed = service.preview(import_roadmap(corrected_edition(tmp_path / "fixed.txt")))
    assert fixed.number == 1 and [i.code for i in fixed.diff.retired] == ["9.3"]


# --- why a file is not a roadmap, in the admin's language -----------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "x.1\tСтранная строка\tКомитет\tДепартамент\t2021 г.",
            "Строка 5 файла: «x.1» не читается ни как номер мероприятия",
        ),
        (
            "1.1\tТолько два столбца",
            "Строка 5 файла, начинается с «1.1»: в ней ячеек 2, а в шапке таблицы 5.",
        ),
        (
            "2.1\tЧужой раздел\tКомитет\tДепартамент\t2021 г.",
            "Строка 5 файла: мероприятие 2.1 не относится к разделу над ним",
        ),
        (
            "1.1\tБез исполнителей\t\t\t2021 г.",
            "Строка 5 файла: у мероприятия 1.1 не указан ни один исполнитель.",
        ),
        (
            "1.1\tА\tКомитет\tДеп\t2021\n1.1\tБ\tКомитет\tДеп\t2021",
            "Строка 6 файла: мероприятие 1.1 встречается в таблице второй раз.",
        ),
        (
            "<b>1. Раздел</b>\t\t\t\t",
            "Строка 5 файла: раздел 1 встречается в таблице второй раз.",
        ),
        (
            "Тут <b>&lt;скрипт&gt;</b> и очень длинная строка, которую не прочесть как номер "
            "мероприятия\t\t\t\t",
            "«Тут &lt;скрипт&gt; и очень длинная строка, которую не прочесть…»",
        ),
    ],
)
async def test_a_bad_row_is_named_in_russian(
    service: RoadmapService, tmp_path: Path, line: str, expected: str
):
    source = tmp_path / "bad.txt"
    source.write_text(
        "План на 2021 год\n\n"
        "№\tНаименование\tот Санкт-Петербурга\tот Томской области\tСрок\n"
        "<b>1. Раздел</b>\t\t\t\t\n" + line + "\n",
        encoding="utf-8",
    )
    result = await service.read(source)
    assert isinstance(result, Unreadable)
    text = views.unreadable(_ui(service.catalog), "bad.txt", result.problem).text
    assert text.startswith("❌ Файл «bad.txt» не загружен")
    assert expected in text, text
    assert str(tmp_path) not in text and "/tmp" not in text


async def test_whole_documents_that_are_not_roadmaps_are_named_in_russian(
    service: RoadmapService, tmp_path: Path
):
    letter = tmp_path / "letter.txt"
    letter.write_text("Уважаемые коллеги!\n", encoding="utf-8")
    no_years = tmp_path / "no-years.txt"
    no_years.write_text(
        "План мероприятий\n\n№\tНаименование\tот Санкт-Петербурга\tот Томской области\tСрок\n"
        "<b>1. Раздел</b>\t\t\t\t\n1.1\tФорум\tКомитет\tДепартамент\tежегодно\n",
        encoding="utf-8",
    )
    not_zip = tmp_path / "letter.docx"
    not_zip.write_bytes(b"not a zip")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("План на 2021 год".encode("cp1251"))
    for path, expected in (
        (letter, "не найдена таблица дорожной карты"),
        (no_years, "Не удалось определить годы дорожной карты"),
        (not_zip, "Это не документ DOCX"),
        (latin, "не в кодировке UTF-8"),
    ):
        result = await service.read(path)
        assert isinstance(result, Unreadable), path
        text = views.unreadable(_ui(service.catalog), path.name, result.problem).text
        assert expected in text and str(tmp_path) not in text, text
    en = Ui(Translator().for_locale("en"), service.catalog, ZoneInfo("Europe/Moscow"))
    result = await service.read(letter)
    assert "No roadmap table found" in views.unreadable(en, "letter.txt", result.problem).text


# --- crafted archives -----------------------------------------------------------------------


def _patch_entry(path: Path, name: bytes, *, flag: int = 0, method: int | None = None) -> None:
    """Set a flag bit or the compression method of `name` in the archive's local and
    central headers, as a crafted (or an encrypting) tool would write them."""
    data = bytearray(path.read_bytes())
    for signature, flags_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + name_at : start + name_at + len(name)] == name:
                flags = int.from_bytes(data[start + flags_at : start + flags_at + 2], "little")
                data[start + flags_at : start + flags_at + 2] = (flags | flag).to_bytes(2, "little")
                if method is not None:
                    at = start + flags_at + 2
                    data[at : at + 2] = method.to_bytes(2, "little")
            start += 4
    path.write_bytes(bytes(data))


async def test_crafted_archives_are_refused_with_a_reason(service: RoadmapService, tmp_path: Path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (51 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024  # small to send, 51 MB unpacked
    encrypted = second_roadmap(tmp_path / "encrypted.docx")
    _patch_entry(encrypted, b"word/document.xml", flag=0x1)
    odd = second_roadmap(tmp_path / "odd.docx")
    _patch_entry(odd, b"word/document.xml", method=99)  # AES, which zipfile cannot unpack
    for path, kind, expected in (
        (bomb, "too-large", "больше 50 МБ в распакованном виде"),
        (encrypted, "encrypted", "защищён паролем"),
        (odd, "compression", "упакован способом, который бот не читает"),
    ):
        result = await service.read(path)
        assert result == Unreadable(ImportProblem(kind)), path
        text = views.unreadable(_ui(service.catalog), path.name, result.problem).text
        assert expected in text and str(tmp_path) not in text
    with pytest.raises(ImportFormatError, match=r"bomb\.docx: cannot read"):  # the CLI's
        import_roadmap(bomb)


# --- the summary names known departments whole ----------------------------------------------


def test_known_departments_are_named_whole(service: RoadmapService):
    long = [d for d in service.catalog.departments if len(d.name) > 60]
    assert long, "the shipped roadmap has long department names"
    preview = ImportPreview(
        load_roadmap(ROADMAP_JSON), 2, None, None, list(service.catalog.departments), None
    )
    text = views.summary(_ui(service.catalog), preview, "x.docx", "abcd1234").text
    line = next(x for x in text.splitlines() if x.startswith("Уже известны боту"))
    names = line.split(" — ", 1)[1].rsplit(" и ещё ", 1)[0].split("; ")
    known = {html.escape(d.name, quote=False) for d in service.catalog.departments}
    assert names and all(name in known for name in names), names


def test_clip_cuts_at_a_word():
    assert views.clip("Комитет по внешним связям", 100) == "Комитет по внешним связям"
    assert (
        views.clip("Комитет по внешним связям Санкт-Петербурга", 30) == "Комитет по внешним связям…"
    )
    assert views.clip("Слово" * 20, 10) == "СловоСлов…"
