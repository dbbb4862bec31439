"""A coordinator's status report on an activity, and the rules it is made and changed by."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.statuses import Status

COMMENT_LIMIT = 1000
EDIT_WINDOW = timedelta(hours=24)

# Half of a UTF-16 surrogate pair, alone: a broken emoji some clients send. It cannot be
# stored or sent as UTF-8.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def unsavable(text: str) -> bool:
    """Does the text hold characters that cannot be stored (lone surrogates)?"""
    return bool(_LONE_SURROGATE.search(text))


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


def within_edit_window(created: datetime, now: datetime) -> bool:
    return now - created < EDIT_WINDOW


def can_change(report: StatusReport, user_id: int, now: datetime) -> bool:
    """Only the author changes or withdraws a report, and only within the edit window."""
    return report.user_id == user_id and within_edit_window(report.created_at, now)
