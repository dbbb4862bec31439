"""Who is late, for the shipped roadmap with nobody reporting: every page of /missing and
the office's digest fits a phone screen and passes Telegram's HTML check, in both languages."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from bot.domain.calendar import DIGEST, NUDGE, Occasion
from bot.domain.people import Person
from bot.domain.periods import Quarter, Year
from bot.domain.planner import Reminder, Reported
from bot.domain.progress import find_gaps, find_year_gaps
from bot.i18n import Translator
from bot.sandbox.emulator.html import parse_html
from bot.services.office import Missing
from bot.services.reminders import NudgePlan
from bot.telegram.limits import MAX_CALLBACK_DATA
from bot.telegram.views import missing as views
from bot.telegram.views.common import Ui

PHONE = 1500
ZONE = ZoneInfo("Europe/Moscow")


def person(n: int, name: str) -> Person:
    return Person(n, name, "Очень-Длинная-Фамилия", None, "ru", None, None, True, None, False)


def coordinators(roadmap, every: int) -> list[tuple[str, Person]]:
    """A coordinator (with a <tag> in the name) for every `every`-th department."""
    return [
        (dep.id, person(n, f"Координатор <{n}> & Co"))
        for n, dep in enumerate(roadmap.departments)
        if n % every == 0
    ]


def all_pages(ui: Ui, result: Missing) -> list:
    pages = []
    while (screen := views.missing(ui, result, len(pages))) is not None:
        pages.append(screen)
    return pages


def check(screen) -> None:
    assert len(screen.text) <= PHONE, screen.text
    parse_html(screen.text)  # raises on what Telegram would refuse
    for row in screen.markup.inline_keyboard if screen.markup else []:
        for button in row:
            assert len(button.callback_data.encode()) <= MAX_CALLBACK_DATA


@pytest.mark.parametrize("locale", ["ru", "en"])
@pytest.mark.parametrize("every", [1, 3, 1000])  # everyone chaseable, some, nobody
def test_nobody_reporting_every_page_fits_a_phone(roadmap, locale, every):
    ui = Ui(Translator().for_locale(locale), roadmap, ZONE)
    people = coordinators(roadmap, every)
    quarter = Quarter(2021, 2)
    gaps = find_gaps(roadmap, Reported([]), quarter.span, ZONE, people, True)
    year_gaps = find_year_gaps(roadmap, [], people)
    for result in (
        Missing("quarter", quarter, gaps),
        Missing("2021", Year(2021), year_gaps, date(2021, 12, 20), date(2021, 11, 30), False),
    ):
        pages = all_pages(ui, result)
        assert len(pages) > 1
        for screen in pages:
            check(screen)
        text = "\n".join(screen.text for screen in pages)
        # every department that owes anything is on some page, chaseable ones first
        for gap in result.gaps:
            assert gap.department.name[:40].replace("&", "&amp;") in text
        if every == 1:
            assert "Без координатора" not in text and "No coordinator" not in text
    occasion = Occasion(DIGEST, Year(2021), date(2021, 12, 21), date(2021, 12, 20))
    text, markup = views.digest(ui, occasion, year_gaps)
    check(type(pages[0])(text, markup))


def test_a_nudge_preview_to_everyone_fits_a_phone(roadmap):
    ui = Ui(Translator().for_locale("ru"), roadmap, ZONE)
    quarter = Quarter(2021, 2)
    reminders = [
        Reminder(n, "ru", Occasion(NUDGE, quarter, date(2021, 5, 4)), ["1.1", "1.2", "4.1"])
        for n in range(1, 80)
    ]
    names = {n: f"Координатор <{n}> Очень-Длинная-Фамилия" for n in range(1, 80)}
    plan = NudgePlan(quarter, None, reminders, 3, {"paused": 2}, names, "2021-Q2@2021-05-04")
    screen = views.nudge_preview(ui, plan)
    check(screen)
    assert "…и ещё " in screen.text and screen.text.endswith("⏸ На паузе напоминаний: 2.")
    assert "Уже напоминали сегодня: 3." in screen.text
