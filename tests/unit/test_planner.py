"""The reminder planner: who is owed which reminder, shared by reminders and the nudge."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.domain.calendar import CalendarRules, Occasion, ReminderCalendar
from bot.domain.people import Person
from bot.domain.periods import Quarter
from bot.domain.planner import (
    DROP,
    SEND,
    Coordinator,
    Reported,
    plan_reminders,
)
from bot.domain.progress import find_year_gaps

CULTURE_SPB, CULTURE_TOMSK = "spb-9cdf3d", "tomsk-d8cd4d"
SPB = ZoneInfo("Europe/Moscow")


def person(user_id: int, *deps: str, paused: date | None = None, unreachable=False):
    return Coordinator(user_id, "ru", SPB, deps or (CULTURE_SPB,), paused, unreachable)


def always(verdict):
    return lambda occasion, zone: verdict


Q1 = Occasion("quarterly", Quarter(2021, 1), date(2021, 3, 21))


def test_each_coordinator_is_reminded_of_what_their_side_still_owes(roadmap):
    reported = Reported([("4.1", CULTURE_SPB, datetime(2021, 2, 1, tzinfo=UTC))])
    plan = plan_reminders(roadmap, [Q1], [person(1)], reported, always(SEND))
    [reminder] = plan.reminders
    assert reminder.items == ["4.2", "4.3", "4.4"] and reminder.occasion is Q1


def test_a_report_from_the_previous_quarter_does_not_count(roadmap):
    reported = Reported([("4.1", CULTURE_SPB, datetime(2020, 12, 31, 12, tzinfo=UTC))])
    plan = plan_reminders(roadmap, [Q1], [person(1)], reported, always(SEND))
    assert plan.reminders[0].items == ["4.1", "4.2", "4.3", "4.4"]


def test_a_reminder_counts_what_can_be_carried_as_unchanged(roadmap):
    """Owed items with an earlier status of the person's own side; the other side's and
    those never reported do not count."""
    standing = {
        ("4.1", CULTURE_SPB): "in_progress",
        ("4.2", CULTURE_SPB): "at_risk",
        ("4.3", CULTURE_TOMSK): "in_progress",
    }
    reported = Reported([("4.1", CULTURE_SPB, datetime(2020, 12, 1, tzinfo=UTC))], standing)
    plan = plan_reminders(roadmap, [Q1], [person(1)], reported, always(SEND))
    [reminder] = plan.reminders
    assert reminder.items == ["4.1", "4.2", "4.3", "4.4"] and reminder.carryable == 2


def test_an_activity_reported_done_owes_no_more_quarterly_reports(roadmap):
    reported = Reported([], {("4.1", CULTURE_SPB): "done", ("4.3", CULTURE_TOMSK): "done"})
    plan = plan_reminders(roadmap, [Q1], [person(1)], reported, always(SEND))
    assert plan.reminders[0].items == ["4.2", "4.3", "4.4"]


def test_nothing_owed_means_nothing_sent(roadmap):
    reported = Reported(
        [
            (code, CULTURE_SPB, datetime(2021, 3, 1, tzinfo=UTC))
            for code in ["4.1", "4.2", "4.3", "4.4"]
        ]
    )
    assert plan_reminders(roadmap, [Q1], [person(1)], reported, always(SEND)).reminders == []


def test_paused_and_unreachable_people_are_skipped_and_counted(roadmap):
    people = [person(1, paused=date(2021, 3, 21)), person(2, unreachable=True), person(3)]
    plan = plan_reminders(roadmap, [Q1], people, Reported([]), always(SEND))
    assert [r.user_id for r in plan.reminders] == [3]
    assert plan.skipped == {"paused": 1, "unreachable": 1}
    # a pause that ended the day before does not count
    plan = plan_reminders(
        roadmap, [Q1], [person(1, paused=date(2021, 3, 20))], Reported([]), always(SEND)
    )
    assert [r.user_id for r in plan.reminders] == [1]


def test_one_message_per_person_the_newest_and_most_urgent(roadmap):
    calendar = ReminderCalendar(CalendarRules(), 2021, 2021)
    december = [o for o in calendar.occasions(2021) if o.on.month == 12]
    plan = plan_reminders(roadmap, december, [person(1)], Reported([]), always(SEND))
    [reminder] = plan.reminders
    assert reminder.occasion.kind == "overdue"
    assert {r.occasion.kind for r in plan.superseded} >= {"quarterly", "annual-1"}


def test_a_reminder_that_fell_due_too_long_ago_is_dropped_not_sent(roadmap):
    plan = plan_reminders(roadmap, [Q1], [person(1)], Reported([]), always(DROP))
    assert plan.reminders == [] and [r.user_id for r in plan.dropped] == [1]


def test_the_office_digest_lists_departments_owing_year_end_texts_chaseable_first(roadmap):
    anna = Person(1001, "Анна", None, None, "ru", None, None, True, None, False)
    confirmed = [("4.1", CULTURE_SPB)]
    gaps = find_year_gaps(roadmap, confirmed, [(CULTURE_TOMSK, anna)])
    assert gaps[0].department.id == CULTURE_TOMSK and gaps[0].chaseable
    assert gaps[0].items == ["4.1", "4.2", "4.3", "4.4"]
    assert not any(gap.chaseable for gap in gaps[1:])
    spb = next(gap for gap in gaps if gap.department.id == CULTURE_SPB)
    assert "4.1" not in spb.items and spb.items[0] == "4.2"
    sides = [gap.department.party for gap in gaps[1:]]
    assert sides == sorted(sides, key=["spb", "tomsk"].index)  # by side, as the roadmap lists them
