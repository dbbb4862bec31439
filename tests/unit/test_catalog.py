"""Several roadmaps in one bot: keys across roadmaps, shared departments, editions and
successors, and a database from the days of one roadmap upgraded in place."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.catalog import Catalog, RoadmapEntry, diff, item_key, name_key
from bot.domain.roadmap import Department, Item, Party, Roadmap, Section, YearSpan, load_roadmap
from bot.services.roadmaps import RoadmapService
from storage import Repository, open_database
from storage.db import migrations
from tests.conftest import ROADMAP_JSON

pytestmark = pytest.mark.unit

SPB = Party("spb", "Санкт-Петербург", "Europe/Moscow")
NOVGOROD = Party("novgorod", "Новгородская область", "Europe/Moscow")


def novgorod(years: YearSpan | None = None) -> Roadmap:
    years = years or YearSpan(2021, 2023)
    culture = Department("spb-zz", "spb", "Комитет по культуре «Санкт-Петербурга»")
    theirs = Department("novgorod-1", "novgorod", "Министерство культуры")
    return Roadmap(
        "План СПб — Новгород",
        years,
        [SPB, NOVGOROD],
        [Section("4", "Культура")],
        [culture, theirs],
        [
            Item(
                "4.1", "4", "Дни культуры", "2021", {"spb": [culture.id], "novgorod": [theirs.id]}
            ),
            Item("4.2", "4", "Гастроли", "2022", {"spb": [culture.id], "novgorod": [theirs.id]}),
        ],
    )


def test_keys_labels_and_sections_across_roadmaps():
    shipped = load_roadmap(ROADMAP_JSON)
    catalog = Catalog([RoadmapEntry(1, shipped), RoadmapEntry(2, novgorod())])
    assert item_key(1, "4.1") == "4.1" and item_key(2, "4.1") == "2/4.1"
    second = catalog.item("2/4.1")
    assert second is not None and second.label == "4.1" and second.roadmap == 2
    assert second.section == "2/4" and catalog.sections_of(2)[0].code == "2/4"
    assert [i.code for i in catalog.find("4.1")] == ["4.1", "2/4.1"]
    assert [i.code for i in catalog.find("2/4.1")] == ["2/4.1"]
    assert catalog.find("3/4.1") == [] and catalog.find("x/4.1") == []
    assert [p.id for p in catalog.parties_of("2/4.1")] == ["spb", "novgorod"]
    assert catalog.years == YearSpan(2020, 2023)
    assert catalog.entry(2).short_name == "СПб — Новгородская обл. 2021-2023"


def test_departments_are_recognised_by_their_name_whatever_the_quotes_and_case():
    shipped = load_roadmap(ROADMAP_JSON)
    catalog = Catalog.single(shipped)
    variant = dataclasses.replace(
        novgorod(),
        departments=[
            Department("spb-zz", "spb", "комитет  по КУЛЬТУРЕ Санкт-Петербурга"),
            Department("novgorod-1", "novgorod", "Министерство культуры"),
        ],
    )
    adopted, recognised = catalog.recognise(variant)
    assert [d.id for d in recognised] == ["spb-9cdf3d"]
    assert adopted.item("4.1").executors["spb"] == ["spb-9cdf3d"]
    assert name_key("«Комитет»  по  культуре") == name_key('"комитет" по культуре')


def test_a_roadmap_closes_after_its_years_unless_prolonged_and_names_its_successor():
    shipped = load_roadmap(ROADMAP_JSON)
    follows = dataclasses.replace(
        novgorod(YearSpan(2023, 2025)),
        parties=[SPB, Party("tomsk", "Томская область", "Asia/Tomsk")],
    )
    follows = dataclasses.replace(
        follows,
        departments=[
            Department("spb-zz", "spb", "Комитет"),
            Department("tomsk-1", "tomsk", "Департамент"),
        ],
        items=[
            dataclasses.replace(i, executors={"spb": ["spb-zz"], "tomsk": ["tomsk-1"]})
            for i in follows.items
        ],
    )
    catalog = Catalog([RoadmapEntry(1, shipped), RoadmapEntry(2, follows)])
    assert catalog.is_open("4.1", 2022) and not catalog.is_open("4.1", 2023)
    assert catalog.is_open("2/4.1", 2023) and not catalog.is_open("2/4.1", 2022)
    assert catalog.successor(catalog.entry(1)).number == 2
    assert catalog.successor(catalog.entry(2)) is None
    prolonged = Catalog([RoadmapEntry(1, shipped, active_until=2024)])
    assert prolonged.is_open("4.1", 2024) and prolonged.report_years() == range(2020, 2025)


def test_an_edition_diff_names_added_changed_and_retired_activities():
    old = novgorod()
    new = dataclasses.replace(
        old,
        items=[
            dataclasses.replace(old.items[0], title="Дни культуры Новгорода"),
            Item("4.3", "4", "Выставка", "2023", {"spb": ["spb-zz"]}),
        ],
    )
    found = diff(old, new)
    assert [i.code for i in found.added] == ["4.3"]
    assert [i.code for i in found.changed] == ["4.1"]
    assert [i.code for i in found.retired] == ["4.2"]
    assert diff(old, old).empty


async def test_a_single_roadmap_database_is_upgraded_in_place(tmp_path: Path):
    """A database as the bot left it before several roadmaps (schema 8): memberships,
    reports, year-end texts, the reminder log, a dialog in progress and the audit are all
    there after the upgrade, under the same keys."""
    path = tmp_path / "old.sqlite3"
    shipped = load_roadmap(ROADMAP_JSON)
    conn = sqlite3.connect(path)
    for version, _, sql in migrations():
        if version <= 8:
            conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
    conn.executemany(
        "INSERT INTO parties (id, name, timezone, position) VALUES (?, ?, ?, ?)",
        [(p.id, p.name, p.timezone, n) for n, p in enumerate(shipped.parties)],
    )
    conn.executemany(
        "INSERT INTO sections (code, title, position) VALUES (?, ?, ?)",
        [(s.code, s.title, n) for n, s in enumerate(shipped.sections)],
    )
    conn.executemany(
        "INSERT INTO departments (id, party_id, name, position) VALUES (?, ?, ?, ?)",
        [(d.id, d.party, d.name, n) for n, d in enumerate(shipped.departments)],
    )
    conn.executemany(
        "INSERT INTO items (code, section_code, title, term, position) VALUES (?, ?, ?, ?, ?)",
        [(i.code, i.section, i.title, i.term, n) for n, i in enumerate(shipped.items)],
    )
    now = "2021-05-01T10:00:00+00:00"
    conn.execute(
        "INSERT INTO users (id, first_name, created_at, updated_at) VALUES (1001, 'Анна', ?, ?)",
        (now, now),
    )
    conn.execute(
        "INSERT INTO memberships (user_id, department_id, status, requested_at) "
        "VALUES (1001, 'spb-9cdf3d', 'approved', ?)",
        (now,),
    )
    conn.execute(
        "INSERT INTO status_updates (item_code, department_id, user_id, status, comment, "
        "created_at) VALUES ('4.1', 'spb-9cdf3d', 1001, 'in_progress', 'Провели', ?)",
        (now,),
    )
    conn.execute(
        "INSERT INTO reminder_log (user_id, kind, period, state, claimed_at) "
        "VALUES (1001, 'quarterly', '2021-Q1', 'sent', ?)",
        (now,),
    )
    dialog = json.dumps({"draft": {"item": "4.1", "comment": "печатала"}})
    conn.execute(
        "INSERT INTO fsm_state (key, state, data, updated_at) VALUES ('k', 'ReportSteps:x', ?, ?)",
        (dialog, now),
    )
    conn.commit()
    conn.close()

    db = await open_database(path)
    try:
        repo = Repository(db)
        service = RoadmapService(Catalog(), repo)
        await service.start(shipped)
        catalog = service.catalog
        assert [e.number for e in catalog.entries] == [1]
        assert catalog.item("4.1") is not None and catalog.item("4.1").roadmap == 1
        assert await repo.approved_departments(1001) == ["spb-9cdf3d"]
        latest = await repo.latest_by_department(["4.1"])
        assert latest[("4.1", "spb-9cdf3d")].comment == "Провели"
        assert await repo.logged_reminders(timedelta(0)) >= {(1001, "quarterly", "2021-Q1")}
        row = await db.fetchone("SELECT data FROM fsm_state WHERE key = 'k'")
        assert json.loads(row[0])["draft"]["comment"] == "печатала"
        counts = await repo.roadmap_counts()
        assert counts["items"] == 23 and counts["departments"] == 27
        row = await db.fetchone("SELECT COUNT(*) FROM items WHERE roadmap_no = 1")
        assert row[0] == 23
        # and a restart changes nothing more
        again = RoadmapService(Catalog(), repo)
        await again.start(shipped)
        assert [e.number for e in again.catalog.entries] == [1]
    finally:
        await db.close()


async def test_another_process_s_changes_are_picked_up_by_refresh(repo):
    """A roadmap loaded by `import-roadmap --load` or another replica, an extension, an
    office member: the running bot sees them at its next refresh, without a restart."""
    shipped = load_roadmap(ROADMAP_JSON)
    running = RoadmapService(Catalog(), repo)
    await running.start(shipped)
    assert not await running.refresh()
    other = RoadmapService(Catalog(), repo)
    await other.start(shipped)
    await other.load(other.preview(novgorod()), None)
    assert await running.refresh()
    assert running.catalog.item("2/4.1") is not None
    assert not await running.refresh()
    await other.prolong(2, 2024)
    await repo.add_office_member(2, 1001, 1)
    assert await running.refresh()
    assert running.catalog.entry(2).last_year == 2024 and running.office_of(1001) == [2]


def test_a_department_named_like_a_known_one_is_pointed_out():
    shipped = load_roadmap(ROADMAP_JSON)
    catalog = Catalog.single(shipped)
    known = next(d for d in shipped.departments if d.name.startswith("Комитет по культуре"))
    shorter = Department("spb-short", "spb", "Комитет по культуре")  # the same, cut short
    other = Department("spb-other", "spb", "Комитет по культурным связям")  # not the same
    roadmap = dataclasses.replace(
        novgorod(),
        departments=[shorter, other, Department("novgorod-1", "novgorod", "Министерство")],
        items=[
            Item("4.1", "4", "Дни", "2021", {"spb": ["spb-short", "spb-other"]}),
        ],
    )
    alike = catalog.look_alike(roadmap)
    assert alike == [(shorter, known)]
