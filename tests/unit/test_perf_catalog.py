"""An office with many roadmaps (bench/catalog.py): the faster readings give what the plain
ones gave, and a coordinator in all of them still gets a /my_items Telegram accepts."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.access import Viewer
from bot.domain.calendar import Occasion
from bot.domain.catalog import Catalog, RoadmapEntry
from bot.domain.periods import Quarter, Year
from bot.domain.planner import SEND, Coordinator, Reported, plan_reminders
from bot.domain.roadmap import Department, Item, Party, Roadmap, Section, YearSpan
from bot.domain.statuses import Status
from bot.i18n import Translator
from bot.services.items import ItemService, MyItems
from bot.telegram import keyboards
from bot.telegram.views import Ui
from bot.telegram.views import items as item_views
from bot.telegram.views.common import distinct, shared_start
from storage import Repository

pytestmark = pytest.mark.unit

ROADMAPS = 50
SPB = ZoneInfo("Europe/Moscow")
OFFICE = "spb-ext"  # the committee in every roadmap
CULTURE = "spb-cult"  # in every fifth
TITLES = (
    "Содействие участию молодежи и специалистов по работе с молодежью в международных форумах",
    "Содействие участию молодежи и специалистов по работе с молодежью в Петербургском форуме",
    "Проведение Дней культуры в Санкт-Петербурге",
    "Проведение Дней культуры в регионе",
    "Обмен делегациями",
)


def many_roadmaps(count: int = ROADMAPS) -> Catalog:
    """Saint Petersburg with `count` regions, a roadmap each: the office's committee executes
    every activity, culture a few; each region its own department."""
    spb = Party("spb", "Санкт-Петербург", "Europe/Moscow")
    office = Department(OFFICE, "spb", "Комитет по внешним связям Санкт-Петербурга")
    culture = Department(CULTURE, "spb", "Комитет по культуре Санкт-Петербурга")
    entries = []
    for n in range(1, count + 1):
        region = Party(f"r{n}", f"Регион {n}", "Asia/Tomsk")
        theirs = Department(f"r{n}-1", region.id, f"Департамент региона {n}")
        items = [
            Item(
                f"{section}.{k}",
                str(section),
                TITLES[(n + k) % len(TITLES)] + f" ({n})" * (k % 2),
                "2025",
                {
                    "spb": [OFFICE, CULTURE] if (n + k) % 5 == 0 else [OFFICE],
                    region.id: [theirs.id],
                },
            )
            for section in (1, 2)
            for k in range(1, 4 if section == 1 else 3)
        ]
        roadmap = Roadmap(
            f"План {n}",
            YearSpan(2024, 2026),
            [spb, region],
            [Section("1", "Культура"), Section("2", "Молодёжь")],
            [office, culture, theirs],
            items,
        )
        entries.append(RoadmapEntry(n, roadmap))
    return Catalog(entries)


# --- the latest standing report of each (activity, department) ---------------------------


def latest_by_hand(rows: list[tuple], codes: list[str] | None) -> dict[tuple[str, str], int]:
    """(item, department) -> the id of the newest standing report, newest by (created_at, id)."""
    best: dict[tuple[str, str], tuple[str, int]] = {}
    for report_id, item, dep, created, withdrawn in rows:
        if withdrawn or (codes is not None and item not in codes):
            continue
        if (item, dep) not in best or (created, report_id) > best[(item, dep)]:
            best[(item, dep)] = (created, report_id)
    return {pair: report_id for pair, (_, report_id) in best.items()}


async def add_reports(repo: Repository, rows: list[tuple]) -> list[tuple]:
    """Insert (item, department, created_at, withdrawn, carried) rows; with their ids."""
    stored = []

    def insert(conn) -> None:
        for n, (item, dep, created, withdrawn, carried) in enumerate(rows):
            (report_id,) = conn.execute(
                "INSERT INTO status_updates (item_code, department_id, user_id, status, comment,"
                " carried_forward, created_at, withdrawn_at, client_key)"
                " VALUES (?, ?, 1001, 'in_progress', '', ?, ?, ?, ?) RETURNING id",
                (item, dep, int(carried), created, created if withdrawn else None, f"k{n}"),
            ).fetchone()
            stored.append((report_id, item, dep, created, withdrawn))

    await repo.db.write(insert)
    return stored


async def test_latest_by_department_skips_withdrawn_and_breaks_ties_by_id(repo: Repository):
    catalog = many_roadmaps(3)
    await repo.sync_roadmap(catalog)
    await repo.touch_user(1001, "Анна", None, None, "ru")
    noon, evening = "2025-03-01T12:00:00+00:00", "2025-03-01T18:00:00+00:00"
    rows = await add_reports(
        repo,
        [
            ("1.1", OFFICE, noon, False, False),
            ("1.1", OFFICE, evening, True, False),  # the newest, withdrawn: noon's stands
            ("1.2", OFFICE, noon, False, False),
            ("1.2", OFFICE, noon, False, True),  # the same second, carried: the later id
            ("1.3", OFFICE, noon, True, False),  # only a withdrawn one: nothing stands
            ("2/1.1", "r2-1", noon, False, False),
        ],
    )
    ids = [row[0] for row in rows]
    latest = await repo.latest_by_department(["1.1", "1.2", "1.3", "2/1.1", "9/9.9"])
    assert {pair: r.id for pair, r in latest.items()} == {
        ("1.1", OFFICE): ids[0],
        ("1.2", OFFICE): ids[3],
        ("2/1.1", "r2-1"): ids[5],
    }
    assert latest[("1.2", OFFICE)].carried_forward
    assert await repo.latest_by_department([]) == {}
    assert set(await repo.latest_by_department(["2/1.1"])) == {("2/1.1", "r2-1")}
    assert len(await repo.latest_by_department()) == 3


async def test_latest_by_department_matches_a_reading_by_hand(repo: Repository):
    catalog = many_roadmaps(4)
    await repo.sync_roadmap(catalog)
    await repo.touch_user(1001, "Анна", None, None, "ru")
    rng = random.Random(14)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    wanted = []
    for _ in range(300):
        item = rng.choice(catalog.items)
        moment = start + timedelta(hours=rng.randint(0, 40))  # many in the same second
        wanted.append(
            (
                item.code,
                rng.choice(item.departments()),
                moment.isoformat(timespec="seconds"),
                rng.random() < 0.2,
                rng.random() < 0.2,
            )
        )
    rows = await add_reports(repo, wanted)
    some = [item.code for item in rng.sample(catalog.items, 9)]
    for codes in (None, some):
        latest = await repo.latest_by_department(codes)
        assert {pair: r.id for pair, r in latest.items()} == latest_by_hand(rows, codes)
    # and each side's latest, built on it
    sides = await repo.latest_reports(some)
    for code, by_party in sides.items():
        for party, report in by_party.items():
            mine = [r for r in latest.values() if r.item_code == code and r.party_id == party]
            assert report == max(mine, key=lambda r: (r.created_at, r.id))


# --- titles told apart --------------------------------------------------------------------


def distinct_by_hand(texts: dict[str, str], width: int, head: int = 0) -> dict[str, str]:
    """distinct() as it was: every title compared with every other."""
    from bot.telegram.views.common import shorten

    labels = {}
    for key, text in texts.items():
        shared = max(
            (shared_start(text, other) for k, other in texts.items() if k != key), default=0
        )
        if len(text) > width and shared >= width - 12:
            start = text.rfind(" ", 0, shared) + 1
            lead = ""
            if head:
                cut = text.rfind(" ", 0, head)
                lead = text[: cut if cut > 0 else head].rstrip(" ,;") + "… "
            labels[key] = (lead or "…") + shorten(text[start:], width - len(lead or "…"))
        else:
            labels[key] = shorten(text, width)
    return labels


# few letters and a few long shared beginnings, so titles share long prefixes and repeat
_TITLE = st.builds(
    lambda start, rest: start + rest,
    st.sampled_from(["", TITLES[0][:60], TITLES[0][:61], TITLES[2][:30] + " ", "Об"]),
    st.text(alphabet="аб в,", max_size=40),
)


@settings(max_examples=300, deadline=None)
@given(
    titles=st.lists(_TITLE, max_size=25),
    width=st.integers(min_value=13, max_value=80),
    head=st.sampled_from([0, 9, 23]),
)
def test_distinct_gives_what_comparing_every_pair_gave(titles, width, head):
    texts = {f"{n}.1": title for n, title in enumerate(titles)}
    assert distinct(texts, width, head) == distinct_by_hand(texts, width, head)


def test_distinct_on_a_whole_catalog_is_unchanged():
    catalog = many_roadmaps()
    texts = {item.code: item.title for item in catalog.items}
    for width, head in ((28, 0), (70, 23)):
        assert distinct(texts, width, head) == distinct_by_hand(texts, width, head)


# --- the planner --------------------------------------------------------------------------


def missing_by_hand(catalog, person, occasion, reported) -> tuple[list[str], int]:
    """What the planner found for a person by reading every item of every roadmap."""
    quarterly = isinstance(occasion.period, Quarter)
    year = occasion.period.first.year
    missing, carryable = [], 0
    for item in catalog.items:
        mine = [d for d in item.departments() if d in person.departments]
        if not mine or year not in catalog.entry_of(item).years:
            continue
        if not quarterly:
            if any((item.code, d, year) not in reported.confirmed for d in mine):
                missing.append(item.code)
            continue
        if any(reported.within(item.code, d, occasion.covers, person.zone) for d in mine):
            continue
        statuses = [s for d in mine if (s := reported.standing.get((item.code, d)))]
        if any(Status(s).final for s in statuses):
            continue
        missing.append(item.code)
        carryable += bool(statuses)
    return missing, carryable


@pytest.mark.parametrize(
    "occasion",
    [
        Occasion("quarterly", Quarter(2025, 2), date(2025, 6, 21)),
        Occasion("yearend", Year(2025), date(2025, 12, 1)),
    ],
)
def test_the_planner_finds_what_reading_every_item_found(occasion):
    catalog = many_roadmaps(12)
    rng = random.Random(occasion.kind)
    pairs = [(item.code, dep) for item in catalog.items for dep in item.departments()]
    moments = [
        (code, dep, datetime(2025, rng.randint(1, 8), rng.randint(1, 28), tzinfo=UTC))
        for code, dep in rng.sample(pairs, len(pairs) // 2)
    ]
    statuses = [s.value for s in Status]
    standing = {pair: rng.choice(statuses) for pair in rng.sample(pairs, len(pairs) // 2)}
    confirmed = [(code, dep, 2025) for code, dep in rng.sample(pairs, len(pairs) // 2)]
    reported = Reported(moments, standing, confirmed)
    departments = [OFFICE, CULTURE] + [f"r{n}-1" for n in range(1, 13)]
    people = [
        Coordinator(n, "ru", SPB, tuple(rng.sample(departments, rng.randint(1, 3))), None, False)
        for n in range(60)
    ]
    plan = plan_reminders(catalog, [occasion], people, reported, lambda o, z: SEND)
    found = {r.user_id: (r.items, r.carryable) for r in plan.reminders}
    by_hand = {p.user_id: missing_by_hand(catalog, p, occasion, reported) for p in people}
    assert found == {user: found for user, found in by_hand.items() if found[0]}


# --- /my_items of a coordinator in every roadmap ------------------------------------------


async def widest_my_items(repo: Repository, clock) -> tuple[Ui, MyItems]:
    catalog = many_roadmaps()
    await repo.sync_roadmap(catalog)
    clock.moment = datetime(2025, 5, 15, 9, tzinfo=UTC)
    viewer = Viewer(1001, "Анна", False, (OFFICE, CULTURE), SPB)
    mine = await ItemService(catalog, repo, repo, clock).my_items(viewer)
    assert isinstance(mine, MyItems)
    return Ui(Translator().for_locale("ru"), catalog, SPB), mine


def callback_data(screen) -> list[str]:
    return [b.callback_data for row in screen.markup.inline_keyboard for b in row]


async def test_every_page_of_a_coordinator_in_all_roadmaps_is_a_markup_telegram_takes(
    repo: Repository, clock
):
    ui, mine = await widest_my_items(repo, clock)
    assert len(mine.activities) == ROADMAPS * 5
    owed = sum(len(codes) for codes in mine.owed.values())
    assert owed == ROADMAPS * 5
    page, screens = 0, []
    while (screen := item_views.my_items(ui, mine, page)) is not None:
        screens.append(screen)
        page += 1
    assert len(screens) > 10
    for n, screen in enumerate(screens):
        data = callback_data(screen)
        assert len(data) < 100 and all(len(d.encode()) <= 64 for d in data)
        labels = [b.text for row in screen.markup.inline_keyboard for b in row]
        # the first activities owed, then the rest in /update's list
        assert len([d for d in data if d.endswith(":report:")]) == keyboards.OWED_BUTTONS
        assert f"✍️ …и ещё {owed - keyboards.OWED_BUTTONS}" in labels and "m:report" in data
        assert (f"mi:{n + 1}" in data) == (n + 1 < len(screens))
    # every activity has its card button on some page
    cards = {d for screen in screens for d in callback_data(screen) if d.endswith(":card:")}
    assert len(cards) == len(mine.activities)


def test_the_cards_are_of_the_page_shown():
    t = Translator().for_locale("ru")
    titles = {f"{n}/1.1": f"Мероприятие {n}" for n in range(1, 241)}
    owed = list(titles)[:3]
    shown = {"1/1.1": "1.1", "5/1.1": "1.1 (5)"}  # the codes as the reader sees them
    markup = keyboards.my_items(
        t, titles, owed, 2, "2025-Q2", 4, 30, on_page=["5/1.1", "6/1.1"], shown=shown
    )
    data = [b.callback_data for row in markup.inline_keyboard for b in row]
    labels = [b.text for row in markup.inline_keyboard for b in row]
    assert [d for d in data if d.endswith(":card:")] == ["it:5/1.1:card:", "it:6/1.1:card:"]
    assert "📄 1.1 (5)" in labels and "📄 6/1.1" in labels
    assert labels[0] == "✍️ 1.1 Мероприятие 1"
    assert len([d for d in data if d.endswith(":report:")]) == 3 and "m:report" not in data
    assert data[-2:] == ["mi:3", "mi:5"]
    # a short list without the page given: every card, as before
    few = dict(list(titles.items())[:12])
    markup = keyboards.my_items(t, few, [], 0, "2025-Q2", 1, 2)
    data = [b.callback_data for row in markup.inline_keyboard for b in row]
    assert len([d for d in data if d.endswith(":card:")]) == 12
