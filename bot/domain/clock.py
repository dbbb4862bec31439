"""Time as a dependency: the bot asks a Clock for "now" so tests can set it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, time-zone aware (UTC)."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ShiftedClock:
    """The system clock moved to another day, running on from there: the sandbox shows a
    roadmap's own years with time passing as usual."""

    def __init__(self, offset: timedelta = timedelta(0)) -> None:
        self.offset = offset

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def move_to(self, day: date) -> None:
        today = datetime.now(UTC).date()
        self.offset = timedelta(days=(day - today).days)


def same_day_within(today: date, years: range) -> date:
    """Today, if it falls within the years; otherwise the same day and month in the last
    of them (28 February for the 29th)."""
    if today.year in years:
        return today
    year = years[-1]
    try:
        return today.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        return date(year, 2, 28)
