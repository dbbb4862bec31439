"""RoadmapService: reading a roadmap file, previewing it as a new roadmap or a corrected
edition, loading it (once, when two editions race), prolonging reporting."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.domain.catalog import Catalog, RoadmapEntry
from bot.domain.roadmap import Roadmap, load_roadmap
from bot.i18n import Translator
from bot.importer import import_roadmap
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
    assert isinstance(bad, Unreadable) and bad.reason.startswith("line 5: cannot read «x.1»")
    assert str(tmp_path) not in bad.reason
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
    assert buttons[:3] == ["➕ № 1: до 2031 г.", "↩️ № 1: без продления", "➕ № 2: до 2023 г."]
    assert buttons[-1].endswith("▶️")
    assert all(
        len(b.callback_data.encode()) <= 64 for row in first.markup.inline_keyboard for b in row
    )
