"""A coordinator's status report on an activity, and the rules it is made and changed by."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.statuses import Status

# Fits a DOCX cell, and a Telegram message together with the report's card.
COMMENT_LIMIT = 2000
EDIT_WINDOW = timedelta(hours=24)

# Half of a UTF-16 surrogate pair, alone: a broken emoji some clients send. It cannot be
# stored or sent as UTF-8.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def unsavable(text: str) -> bool:
    """Does the text hold characters that cannot be stored (lone surrogates)?"""
    return bool(_LONE_SURROGATE.search(text))


def shortened(text: str, limit: int = COMMENT_LIMIT) -> str:
    """The text cut to `limit` characters at a word's end, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.8:  # a word boundary not too far back
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


def clean_text(text: str) -> str:
    """The text with characters that cannot be stored replaced by U+FFFD (for names)."""
    return _LONE_SURROGATE.sub("\ufffd", text)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A document or photo attached to a report, kept by Telegram under its file id."""

    kind: str  # document or photo
    file_id: str
    name: str | None = None

    @classmethod
    def of(cls, kind: str, file_id: str, name: str | None = None) -> Evidence:
        """Evidence as a message carries it: a file name that cannot be stored is cleaned."""
        return cls(kind, file_id, clean_text(name) if name else None)


@dataclass(frozen=True, slots=True)
class StatusReport:
    id: int
    item_code: str
    department_id: str
    party_id: str
    user_id: int
    author: str
    status: str
    comment: str
    evidence_kind: str | None
    evidence_file_id: str | None
    evidence_name: str | None
    carried_forward: bool
    created_at: datetime
    edited_at: datetime | None
    withdrawn_at: datetime | None = None  # by its author; kept in the history, marked

    @property
    def standing(self) -> bool:
        return self.withdrawn_at is None

    @property
    def evidence(self) -> Evidence | None:
        if not self.evidence_kind or not self.evidence_file_id:
            return None
        return Evidence(self.evidence_kind, self.evidence_file_id, self.evidence_name)


@dataclass(frozen=True, slots=True)
class NewStatusReport:
    """What a coordinator reports; saved once per `key`, however often it is sent."""

    item_code: str
    department_id: str
    user_id: int
    status: Status
    comment: str
    key: str
    evidence: Evidence | None = None
    carried_forward: bool = False
    # for a carried-forward report, the report it repeats: saved only if that one is still
    # the department's latest (nobody has reported since the "no change" was asked for)
    repeats: int | None = None


def within_edit_window(created: datetime, now: datetime) -> bool:
    return now - created < EDIT_WINDOW


def can_change(report: StatusReport, user_id: int, now: datetime) -> bool:
    """Only the author changes or withdraws a standing report, and only within the edit
    window."""
    return (
        report.standing and report.user_id == user_id and within_edit_window(report.created_at, now)
    )
