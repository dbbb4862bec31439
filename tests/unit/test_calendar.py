"""The reporting calendar: which reminder falls due on which local date."""

from __future__ import annotations

from datetime import date

from bot.domain.calendar import NUDGE, CalendarRules, Occasion, ReminderCalendar
from bot.domain.periods import Quarter, Year


def test_the_calendar_of_a_year():
    calendar = ReminderCalendar(CalendarRules(), 2020, 2022)
    days = {(o.kind, o.on) for o in calendar.occasions(2021)}
    assert {d for k, d in days if k == "quarterly"} == {
        date(2021, 3, 21),
        date(2021, 6, 20),
        date(2021, 9, 20),
        date(2021, 12, 21),
    }
    assert {(k, d) for k, d in days if k.startswith("annual")} == {
        ("annual-30", date(2021, 11, 20)),
        ("annual-14", date(2021, 12, 6)),
        ("annual-7", date(2021, 12, 13)),
        ("annual-1", date(2021, 12, 19)),
    }
    assert ("overdue", date(2021, 12, 21)) in days and ("digest", date(2021, 12, 21)) in days
    assert calendar.occasions(2023) == [] and calendar.occasions(2019) == []
    assert ReminderCalendar(CalendarRules(), 2020, 2023).occasions(2023)


def test_what_an_occasion_covers_and_how_the_log_keys_it():
    calendar = ReminderCalendar(CalendarRules(quarter_days=5, annual_days=(3,)), 2021, 2021)
    quarterly = next(o for o in calendar.occasions(2021) if o.kind == "quarterly")
    assert quarterly.period == Quarter(2021, 1) and quarterly.on == date(2021, 3, 26)
    assert quarterly.covers == (date(2021, 1, 1), date(2021, 3, 31))
    assert quarterly.log_period == "2021-Q1"
    annual = next(o for o in calendar.occasions(2021) if o.kind == "annual-3")
    assert annual.days_before_due == 3 and annual.covers == Year(2021).span
    assert quarterly.days_before_due is None
    nudge = Occasion(NUDGE, Quarter(2021, 2), date(2021, 5, 4))
    assert nudge.log_period == "2021-Q2@2021-05-04"  # one a day, not one a quarter


def test_occasions_near_new_year_include_last_years():
    calendar = ReminderCalendar(CalendarRules(), 2020, 2022)
    kinds = {(o.kind, o.period.label) for o in calendar.around(date(2022, 1, 2))}
    assert ("overdue", "2021") in kinds and ("quarterly", "2022-Q1") in kinds


def test_the_office_nudges_of_a_day_are_read_from_the_log_keys():
    from bot.domain.calendar import nudge_key, nudges_on

    q2 = Quarter(2021, 2)
    day = date(2021, 5, 4)
    assert nudge_key(q2, day, "spb-9cdf3d") == "2021-Q2@2021-05-04#spb-9cdf3d"
    logged = [
        (1, "nudge", nudge_key(q2, day)),
        (2, "nudge", nudge_key(q2, day, "spb-9cdf3d")),
        (3, "nudge", nudge_key(q2, date(2021, 5, 3))),  # the day before
        (4, "quarterly", "2021-Q2"),
    ]
    assert nudges_on(logged, q2, day) == {(1, None), (2, "spb-9cdf3d")}
