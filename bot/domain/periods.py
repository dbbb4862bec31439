"""Reporting periods: a quarter or a year, with its label ("2021-Q1", "2021") and its span."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_LABEL = re.compile(r"^([0-9]{4})(?:-Q([1-4]))?$")


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    year: int
    number: int  # 1-4

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4:
            raise ValueError(f"a quarter is numbered 1-4, not {self.number}")

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def first(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last(self) -> date:
        if self.number == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.number + 1, 1) - timedelta(days=1)

    @property
    def span(self) -> tuple[date, date]:
        """First and last day, both included."""
        return self.first, self.last

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, slots=True, order=True)
class Year:
    year: int

    @classmethod
    def of(cls, day: date) -> Year:
        return cls(day.year)

    @property
    def label(self) -> str:
        return str(self.year)

    @property
    def first(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last(self) -> date:
        return date(self.year, 12, 31)

    @property
    def span(self) -> tuple[date, date]:
        return self.first, self.last

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and day.year == self.year

    def __str__(self) -> str:
        return self.label


Period = Quarter | Year


def parse_period(label: str) -> Period:
    """'2021-Q3' -> Quarter(2021, 3); '2021' -> Year(2021); ValueError for anything else."""
    match = _LABEL.match(label.strip())
    if not match:
        raise ValueError(f"not a reporting period: {label!r}")
    year = int(match.group(1))
    return Quarter(year, int(match.group(2))) if match.group(2) else Year(year)
