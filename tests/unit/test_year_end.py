"""The year-end text: compiled from a year's reports, confirmed or rewritten, an old status
confirmed as current; over a real (temporary) SQLite repository."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.domain.reports import NewStatusReport, StatusReport
from bot.domain.statuses import Status
from bot.domain.year_end import compile_draft, round_year, sentence
from bot.services.results import Reason, Refused
from bot.services.year_end import Confirmed, TextEmpty, TextTooLong, YearEndService
from tests.unit.test_services import CULTURE_SPB, join


def report(n, comment, day, carried=False, withdrawn=False):
    moment = datetime(2021, *day, 9, tzinfo=UTC)
    return StatusReport(
        n, "4.1", CULTURE_SPB, "spb", 1001, "Анна", "in_progress", comment, None, None, None,
        carried, moment, None, moment if withdrawn else None,
    )  # fmt: skip


def test_the_draft_is_the_years_comments_each_once_in_date_order():
    reports = [
        report(3, "выставка открыта", (9, 1)),
        report(1, "переговоры с музеями", (2, 1)),
        report(2, "переговоры с музеями", (5, 1), carried=True),  # "no change" repeats it
        report(4, "Переговоры с музеями.", (10, 1)),  # the same words again
        report(5, "ошибка", (11, 1), withdrawn=True),
        report(6, "  ", (12, 1)),
    ]
    assert compile_draft(reports) == "Переговоры с музеями. Выставка открыта."
    assert sentence("  идёт  работа ") == "Идёт работа." and sentence("Итог?") == "Итог?"


def test_the_round_is_this_year_or_in_january_the_last():
    years = range(2020, 2023)
    assert round_year(date(2021, 12, 1), years) == 2021
    assert round_year(date(2022, 1, 15), years) == 2021
    assert round_year(date(2024, 5, 1), years) is None


@pytest.fixture
async def year_end(repo, roadmap, clock):
    await repo.sync_roadmap(roadmap)
    return YearEndService(roadmap, repo, repo, repo, clock)


async def add(repo, clock, code, status, comment, when, key):
    clock.moment = when
    await repo.add_status_report(
        NewStatusReport(code, CULTURE_SPB, 1001, Status(status), comment, key)
    )


async def test_confirming_an_old_status_reports_it_again_this_quarter(repo, clock, year_end):
    anna = await join(repo, 1001, CULTURE_SPB)
    await add(
        repo, clock, "4.1", "in_progress", "переговоры", datetime(2021, 3, 25, tzinfo=UTC), "a"
    )
    clock.moment = datetime(2021, 12, 1, 9, tzinfo=UTC)
    found = await year_end.round_of(anna, 2021)
    entry = found.entry("4.1", CULTURE_SPB)
    assert entry.stale and entry.draft == "Переговоры." and entry.confirmed is None
    assert [e.item.code for e in found.unconfirmed] == ["4.1", "4.2", "4.3", "4.4"]

    result = await year_end.confirm(anna, 2021, "4.1", CULTURE_SPB)
    assert isinstance(result, Confirmed) and result.changed
    assert result.entry.confirmed.text == "Переговоры." and not result.entry.stale
    assert result.round.after(result.entry).item.code == "4.2"
    again = await year_end.confirm(anna, 2021, "4.1", CULTURE_SPB)
    assert isinstance(again, Confirmed) and not again.changed  # a second tap writes nothing
    rows = await repo.db.fetchall("SELECT status, carried_forward FROM status_updates")
    assert [tuple(r) for r in rows] == [("in_progress", 0), ("in_progress", 1)]


async def test_a_text_of_ones_own_its_limit_and_nothing_to_confirm(repo, clock, year_end):
    anna = await join(repo, 1001, CULTURE_SPB)
    clock.moment = datetime(2021, 12, 1, 9, tzinfo=UTC)
    assert isinstance(await year_end.confirm(anna, 2021, "4.2", CULTURE_SPB), TextEmpty)
    assert await year_end.confirm(anna, 2021, "4.2", CULTURE_SPB, "я" * 2001) == TextTooLong(2001)
    result = await year_end.confirm(anna, 2021, "4.2", CULTURE_SPB, "Фонды обменялись изданиями.")
    assert isinstance(result, Confirmed) and result.entry.confirmed.corrected
    [audit] = await repo.recent_audit(1)
    assert audit.action == "yearend.correct"  # the office tells own words from a draft
    other = await year_end.confirm(anna, 2021, "1.1", "spb-78f4a6")
    assert isinstance(other, Refused) and other.reason is Reason.NOT_A_REPORTER


async def test_a_revoked_coordinator_confirms_nothing(repo, clock, year_end):
    from bot.domain.people import AuditRecord

    anna = await join(repo, 1001, CULTURE_SPB)
    await add(repo, clock, "4.1", "done", "открыли", datetime(2021, 11, 2, tzinfo=UTC), "a")
    await repo.end_membership(1001, CULTURE_SPB, AuditRecord(1, "membership.revoke", 1001))
    result = await year_end.confirm(anna, 2021, "4.1", CULTURE_SPB)
    assert isinstance(result, Refused)
    assert await repo.year_texts(2021) == {}


async def test_a_status_is_carried_only_when_it_needs_to_be(repo, clock, year_end):
    anna = await join(repo, 1001, CULTURE_SPB)
    await add(repo, clock, "4.1", "done", "открыли", datetime(2021, 3, 2, tzinfo=UTC), "a")
    await add(repo, clock, "4.2", "in_progress", "идёт", datetime(2021, 4, 20, tzinfo=UTC), "b")
    clock.moment = datetime(2021, 12, 1, 9, tzinfo=UTC)
    await year_end.confirm(anna, 2021, "4.1", CULTURE_SPB)  # done for good: nothing to carry
    clock.moment = datetime(2021, 5, 4, 9, tzinfo=UTC)
    await year_end.confirm(anna, 2021, "4.2", CULTURE_SPB)  # reported this very quarter
    rows = await repo.db.fetchall("SELECT item_code, carried_forward FROM status_updates")
    assert [tuple(r) for r in rows] == [("4.1", 0), ("4.2", 0)]
    assert set(await repo.year_texts(2021)) == {("4.1", CULTURE_SPB), ("4.2", CULTURE_SPB)}


def test_the_year_asked_about_by_default():
    from bot.domain.year_end import report_year

    years = range(2020, 2023)
    assert report_year(date(2021, 6, 1), years) == 2021
    assert report_year(date(2022, 1, 10), years) == 2021  # January: the year just ended
    assert report_year(date(2026, 11, 29), years) == 2022
    assert report_year(date(2019, 5, 1), years) == 2020
