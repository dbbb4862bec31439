"""Reporting periods: one type for a quarter or a year, its label, its span, parsing."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.periods import Quarter, Year, parse_period


def test_quarters_and_their_spans():
    assert Quarter.of(date(2021, 3, 31)) == Quarter(2021, 1)
    assert Quarter.of(date(2021, 4, 1)) == Quarter(2021, 2)
    assert Quarter(2021, 4).span == (date(2021, 10, 1), date(2021, 12, 31))
    assert Quarter(2024, 1).last == date(2024, 3, 31)
    assert Quarter(2021, 2).label == "2021-Q2" == str(Quarter(2021, 2))
    assert date(2021, 5, 1) in Quarter(2021, 2) and date(2021, 7, 1) not in Quarter(2021, 2)
    with pytest.raises(ValueError):
        Quarter(2021, 5)


def test_years():
    assert Year.of(date(2021, 6, 1)) == Year(2021)
    assert Year(2021).span == (date(2021, 1, 1), date(2021, 12, 31))
    assert Year(2021).label == "2021" and date(2021, 12, 31) in Year(2021)


def test_labels_parse_back():
    assert parse_period("2021-Q3") == Quarter(2021, 3)
    assert parse_period(" 2022 ") == Year(2022)
    for bad in ("2021-Q5", "21", "2021Q1", "", "２０２１"):
        with pytest.raises(ValueError):
            parse_period(bad)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_every_day_is_in_its_quarter_and_the_label_round_trips(day):
    quarter = Quarter.of(day)
    assert day in quarter and quarter.first <= day <= quarter.last
    assert parse_period(quarter.label) == quarter
    assert parse_period(Year.of(day).label) == Year(day.year)
