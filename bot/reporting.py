"""Statuses, reporting periods and the rules of a status update: no aiogram here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

COMMENT_LIMIT = 1000
EDIT_WINDOW_HOURS = 24


class Status(StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    POSTPONED = "postponed"
    AT_RISK = "at_risk"

    @property
    def needs_comment(self) -> bool:
        return self in (Status.POSTPONED, Status.AT_RISK)

    @property
    def icon(self) -> str:
        return _ICONS[self]


_ICONS = {
    Status.DONE: "✅",
    Status.IN_PROGRESS: "🔄",
    Status.NOT_STARTED: "⏸",
    Status.POSTPONED: "📅",
    Status.AT_RISK: "⚠️",
}

# Words a coordinator may type in `/update 4.1 выполняется: …`, in either language.
_STATUS_WORDS = {
    Status.DONE: ("выполнено", "выполнен", "выполнена", "сделано", "done", "completed", "complete"),
    Status.IN_PROGRESS: (
        "выполняется",
        "в работе",
        "в процессе",
        "in progress",
        "ongoing",
        "in_progress",
    ),
    Status.NOT_STARTED: ("не начато", "не начат", "не начата", "not started", "not_started"),
    Status.POSTPONED: ("перенесено", "перенесён", "перенесен", "отложено", "postponed", "delayed"),
    Status.AT_RISK: ("есть риски", "риск", "риски", "под угрозой", "at risk", "at_risk", "risk"),
}
_WORD_TO_STATUS = {word: status for status, words in _STATUS_WORDS.items() for word in words}


def parse_status(word: str) -> Status | None:
    return _WORD_TO_STATUS.get(" ".join(word.casefold().replace("ё", "е").split()))


_ITEM_CODE = re.compile(r"^\d+(?:\.\d+)+$")


def normalize_code(text: str) -> str:
    """'4.1.' or ' 4.1 ' -> '4.1'."""
    return text.strip().rstrip(".")


def looks_like_code(text: str) -> bool:
    return bool(_ITEM_CODE.match(normalize_code(text)))


@dataclass(frozen=True, slots=True)
class QuickUpdate:
    code: str
    status: Status
    comment: str


class QuickUpdateError(ValueError):
    """Why a one-message update could not be read; the value is a text key."""


def parse_quick_update(args: str) -> QuickUpdate:
    """`4.1 выполняется: провели переговоры` -> code, status, comment."""
    args = args.strip()
    if not args:
        raise QuickUpdateError("update-usage")
    code, _, rest = args.partition(" ")
    head, colon, comment = rest.partition(":")
    status = parse_status(head)
    if status is None and not colon:
        # no colon: the longest leading run of words that names a status
        words = rest.split()
        for n in range(min(3, len(words)), 0, -1):
            status = parse_status(" ".join(words[:n]))
            if status:
                comment = " ".join(words[n:])
                break
    if status is None:
        raise QuickUpdateError("update-unknown-status")
    return QuickUpdate(code=normalize_code(code), status=status, comment=comment.strip())


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_span(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a quarter."""
    start = date(year, 3 * quarter - 2, 1)
    end = date(year, 12, 31) if quarter == 4 else date(year, 3 * quarter + 1, 1) - timedelta(1)
    return start, end


def quarter_label(day: date) -> str:
    year, quarter = quarter_of(day)
    return f"{year}-Q{quarter}"


def within_edit_window(created: datetime, now: datetime) -> bool:
    return (now - created).total_seconds() < EDIT_WINDOW_HOURS * 3600
