"""The five statuses of an activity, their icons, and the words people type for them."""

from __future__ import annotations

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
