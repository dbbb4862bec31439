"""Dates as people type them: 31.08.2021, 31/08/2021, 2021-08-31, or 15.01 (the next one)."""

from __future__ import annotations

import re
from datetime import date

_DATE = re.compile(
    r"^\s*(\d{1,2})[./-](\d{1,2})(?:[./-](\d{4}))?\s*$|^\s*(\d{4})-(\d{2})-(\d{2})\s*$"
)


def parse_date(text: str, today: date) -> date | None:
    """The date typed; without a year, the next such day after today."""
    match = _DATE.match(text)
    if not match:
        return None
    try:
        if match.group(4):
            return date(int(match.group(4)), int(match.group(5)), int(match.group(6)))
        day, month = int(match.group(1)), int(match.group(2))
        if match.group(3):
            return date(int(match.group(3)), month, day)
        for year in range(today.year, today.year + 5):  # 29.02 comes once in four years
            try:
                found = date(year, month, day)
            except ValueError:
                continue
            if found > today:
                return found
        return None
    except ValueError:
        return None
