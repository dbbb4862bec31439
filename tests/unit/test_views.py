"""Dates are shown in the reader's own time zone, as Russian officials write them."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from bot.telegram.views.common import local_date

TOMSK, SPB = ZoneInfo("Asia/Tomsk"), ZoneInfo("Europe/Moscow")


def test_the_same_moment_can_be_a_different_day_in_tomsk():
    evening_in_spb = datetime(2021, 3, 4, 20, 30, tzinfo=UTC)  # 23:30 in SPb, 03:30 in Tomsk
    assert local_date(evening_in_spb, SPB) == "04.03.2021"
    assert local_date(evening_in_spb, TOMSK) == "05.03.2021"


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)))
def test_day_month_year_with_leading_zeros(moment):
    moment = moment.replace(tzinfo=UTC)
    assert local_date(moment, TOMSK) == moment.astimezone(TOMSK).strftime("%d.%m.%Y")
