"""Offices per roadmap: what an office sees (scope), a roadmap's annual report with the
activities a later edition retired, and the `report` command's choice of roadmap."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.cli.report import chosen_roadmap
from bot.domain.calendar import nudge_key, nudges_on
from bot.domain.catalog import Catalog, RoadmapEntry
from bot.domain.periods import Quarter, Year
from bot.domain.reports import StatusReport
from bot.domain.roadmap import Department, Item, Party, Roadmap, RoadmapError, Section, YearSpan
from bot.domain.scope import (
    covers,
    covers_wholly,
    department_parties,
    department_roadmaps,
    effective,
    within,
)
from bot.i18n import Translator
from bot.services.annual_report import AnnualReportService
from bot.services.office import OfficeService
from bot.services.offices import Mistake, OfficeCommand, parse_change
from bot.telegram.views import Ui
from bot.telegram.views import office as office_views
from tests.conftest import FakeClock

SPB = Party("spb", "Санкт-Петербург", "Europe/Moscow")
NSK = Party("nsk", "Новосибирская область", "Asia/Novosibirsk")
TOMSK = Party("tomsk", "Томская область", "Asia/Tomsk")
CULTURE = Department("spb-c", "spb", "Комитет по культуре Санкт-Петербурга")


def roadmap(other: Party, deps: list[Department], items: list[Item], years=(2021, 2022)):
    return Roadmap(
        f"План {other.name}",
        YearSpan(*years),
        [SPB, other],
        [Section("1", "Культура"), Section("2", "Наука")],
        [CULTURE, *deps],
        items,
    )


def catalog() -> Catalog:
    tomsk_dep = Department("tomsk-c", "tomsk", "Департамент по культуре")
    nsk_dep = Department("nsk-s", "nsk", "Министерство науки")
    first = roadmap(TOMSK, [tomsk_dep], [Item("1.1", "1", "Музеи", "2021", {"tomsk": ["tomsk-c"]})])
    second = roadmap(
        NSK,
        [nsk_dep],
        [
            Item("1.1", "1", "Театры", "2021", {"spb": ["spb-c"]}),
            Item("2.1", "2", "Конференции", "2022", {"nsk": ["nsk-s"]}),
        ],
        (2022, 2024),
    )
    retired = (Item("1.2", "1", "Выставки", "2022", {"nsk": ["nsk-s"]}),)
    return Catalog([RoadmapEntry(1, first), RoadmapEntry(2, second, retired=retired)])


def test_an_office_sees_its_roadmaps_departments_and_activities():
    whole = catalog()
    mine = within(whole, frozenset({2}))
    assert [i.code for i in mine.items] == ["2/1.1", "2/2.1"]
    assert {d.id for d in mine.departments} == {"spb-c", "nsk-s"}
    assert within(whole, None) is whole and within(whole, frozenset({2})) is mine
    assert department_roadmaps(whole, "spb-c") == {1, 2}
    assert covers(whole, frozenset({2}), "spb-c") and not covers(whole, frozenset({2}), "tomsk-c")
    assert covers(whole, None, "tomsk-c")


def test_office_changes_are_typed_as_number_action_user_and_mistakes_named():
    assert parse_change("2 add 123456789") == OfficeCommand(2, "add", 123456789)
    assert parse_change("2 убрать 5") == OfficeCommand(2, "remove", 5)
    assert parse_change("2 add") == OfficeCommand(2, "add")  # whom: picked from a list
    mistakes = {
        "": Mistake.NO_NUMBER,
        "add 3001": Mistake.NO_NUMBER,
        "two add 5": Mistake.NO_NUMBER,
        "0 add 5": Mistake.NO_NUMBER,
        "2": Mistake.NO_ACTION,
        "2 grant 5": Mistake.BAD_ACTION,
        "2 remove": Mistake.NO_ID,
        "2 add -5": Mistake.BAD_ID,
        "2 add ５": Mistake.BAD_ID,
        "2 add Иван": Mistake.BAD_ID,
        "2 add 5 6": Mistake.TOO_MANY,
    }
    for typed, mistake in mistakes.items():
        assert parse_change(typed) is mistake, typed


def test_a_shared_department_is_revoked_only_by_an_office_of_all_its_roadmaps():
    whole = catalog()
    assert covers_wholly(whole, None, "spb-c")
    assert covers_wholly(whole, frozenset({1, 2}), "spb-c")
    assert not covers_wholly(whole, frozenset({2}), "spb-c")  # it works on roadmap 1 too
    assert covers_wholly(whole, frozenset({2}), "nsk-s")
    assert effective(whole, frozenset({1, 2})) is None and effective(whole, frozenset({2}))
    assert [p.id for p in department_parties(whole, "nsk-s")] == ["spb", "nsk"]
    assert [p.id for p in department_parties(whole, "spb-c")] == ["spb", "tomsk", "nsk"]


def test_one_offices_nudge_does_not_hold_back_another_offices():
    q1, day = Quarter(2022, 1), date(2022, 3, 1)
    assert nudge_key(q1, day, "spb-c", frozenset({2, 1})) == "2022-Q1@2022-03-01~1.2#spb-c"
    logged = [
        (1, "nudge", nudge_key(q1, day, None, frozenset({1}))),  # office 1's, to all
        (2, "nudge", nudge_key(q1, day)),  # a global admin's
        (3, "nudge", nudge_key(q1, day, "spb-c", frozenset({1, 2}))),  # offices 1 and 2's
    ]
    assert nudges_on(logged, q1, day, frozenset({1})) == {(1, None), (2, None), (3, "spb-c")}
    assert nudges_on(logged, q1, day, frozenset({2})) == {(2, None), (3, "spb-c")}
    assert nudges_on(logged, q1, day) == {(2, None)}  # a global admin's covers every roadmap


async def test_missing_for_a_year_counts_the_roadmaps_that_run_that_year(repo, clock):
    whole = catalog()
    office = OfficeService(whole, repo, repo, repo, repo, repo, clock)
    result = await office.missing("2024", Year(2024))  # roadmap 1 ran 2021-2022
    gaps = [(g.department.id, g.items) for g in result.gaps]
    assert gaps == [("spb-c", ["2/1.1"]), ("nsk-s", ["2/2.1"])]  # none of roadmap 1's 1.1
    assert result.total == 2 and result.confirmed == 0  # 2/1.1, 2/2.1: roadmap 2's only
    result = await office.missing("2022", Year(2022))
    assert result.total == 3


async def test_stats_count_a_shared_side_in_each_roadmap_apart(repo, clock):
    whole = catalog()
    office = OfficeService(whole, repo, repo, repo, repo, repo, clock)
    stats = await office.stats()
    assert sum(stats.by_party[1]["spb"].values()) == 0  # roadmap 1's SPb executes nothing
    assert sum(stats.by_party[2]["spb"].values()) == 1
    assert set(stats.by_section) == {"1", "2", "2/1", "2/2"}
    ui = Ui(Translator().for_locale("ru"), whole, ZoneInfo("Europe/Moscow"))
    [screen] = office_views.stats(ui, stats)
    assert "🗺 <b>СПб — Томская обл. 2021-2022</b>" in screen.text
    assert "🗺 <b>СПб — Новосибирская обл. 2022-2024</b>" in screen.text
    assert "2/1." not in screen.text and "\n1. Культура:" in screen.text


class Stored:
    def __init__(self, reports: list[StatusReport]) -> None:
        self.reports = reports

    async def reports_between(self, start, end, *, withdrawn=False):
        return [r for r in self.reports if start <= r.created_at < end]

    async def latest_before(self, end):
        return {(r.item_code, r.department_id): r for r in self.reports if r.created_at < end}

    async def year_texts(self, year):
        return {}


def report_on(code: str, department: str, party: str) -> StatusReport:
    moment = datetime(2022, 5, 1, tzinfo=UTC)
    return StatusReport(
        1, code, department, party, 7, "Анна", "done", "готово", None, None, None, False,
        moment, None,
    )  # fmt: skip


async def test_a_roadmaps_annual_report_keeps_its_retired_activities_with_reports():
    reports = [report_on("2/1.2", "nsk-s", "nsk"), report_on("1.1", "tomsk-c", "tomsk")]
    stored = Stored(reports)
    annual = AnnualReportService(catalog(), stored, stored, FakeClock())  # type: ignore[arg-type]
    report = await annual.load(2022, 2)
    assert [e.item.code for e in report.items] == ["2/1.1", "2/1.2", "2/2.1"]
    assert report.roadmap.title == "План Новосибирская область"
    assert [p.id for p in report.roadmap.parties] == ["spb", "nsk"]
    assert [r.item_code for r in report.reports] == ["2/1.2"]  # roadmap 1's left out
    assert annual.years(2) == range(2022, 2025) and annual.year_asked("2021", 2) is None
    assert [e.number for e in annual.roadmaps(frozenset({2}))] == [2]
    asked = annual.asked(None, "2022")
    assert asked.number is None and [e.number for e in asked.choices] == [1, 2]
    assert annual.asked(None, "2024").number == 2  # only roadmap 2 has 2024
    assert annual.asked(None, "2030").years == range(2021, 2025)
    assert annual.asked(frozenset({2}), None).number == 2


def test_the_report_command_needs_a_roadmap_where_there_are_several():
    whole = catalog()
    with pytest.raises(RoadmapError, match="--roadmap N"):
        chosen_roadmap(whole, None)
    assert chosen_roadmap(whole, 2).number == 2
    with pytest.raises(RoadmapError, match="no such roadmap"):
        chosen_roadmap(whole, 5)
    single = Catalog([RoadmapEntry(1, whole.entries[0].roadmap)])
    assert chosen_roadmap(single, None).number == 1
