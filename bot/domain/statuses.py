"""The five statuses of an activity, their icons, and the words people type for them."""

from __future__ import annotations

import difflib
from enum import StrEnum


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

    @property
    def final(self) -> bool:
        """Done: the activity owes no more quarterly reports (the year-end text still)."""
        return self is Status.DONE


_ICONS = {
    Status.DONE: "✅",
    Status.IN_PROGRESS: "🔄",
    Status.NOT_STARTED: "⏸",
    Status.POSTPONED: "📅",
    Status.AT_RISK: "⚠️",
}

# Words a coordinator may type in `/update 4.1 выполняется: …`, in either language.
_STATUS_WORDS = {
    Status.DONE: (
        "выполнено",
        "выполнен",
        "выполнена",
        "сделано",
        "завершено",
        "завершен",
        "завершена",
        "готово",
        "исполнено",
        "done",
        "completed",
        "complete",
        "finished",
    ),
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


# what a phone's keyboard adds around a word: "Выполнено." "выполнено!"
_PUNCTUATION = " .,;:!?…-—«»\"'()"
_NEGATION = ("не ", "not ")
_POSITIVE = (Status.DONE, Status.IN_PROGRESS)


def _normal(words: str) -> str:
    words = words.casefold().replace("ё", "е").replace("-", " ").replace("_", " ")
    return " ".join(words.split()).strip(_PUNCTUATION)


def parse_status(word: str) -> Status | None:
    return _WORD_TO_STATUS.get(_normal(word))


def closest_statuses(words: str, limit: int = 3) -> list[Status]:
    """Statuses whose words are spelt most like `words` (выполняеться, в процесе), best first."""
    normal = _normal(words)
    matches = difflib.get_close_matches(normal, _WORD_TO_STATUS, n=10, cutoff=0.75)
    # "не выполнено" is spelt like "выполнено" but means the opposite: never offer that
    negated = normal.startswith(_NEGATION)
    found: list[Status] = []
    for match in matches:
        status = _WORD_TO_STATUS[match]
        if status not in found and not (negated and status in _POSITIVE):
            found.append(status)
    return found[:limit]
