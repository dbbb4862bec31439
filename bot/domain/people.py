"""People as the bot knows them: coordinators, their memberships, the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

LOCALES = ("ru", "en")
DEFAULT_LOCALE = "ru"


def pick_locale(chosen: str | None, telegram_language: str | None) -> str:
    """The user's own choice, else English for English-speaking Telegram clients, else Russian."""
    if chosen in LOCALES:
        return chosen
    if telegram_language and telegram_language.lower().startswith("en"):
        return "en"
    return DEFAULT_LOCALE


@dataclass(frozen=True, slots=True)
class UserProfile:
    """The sender of a Telegram update, read once per update, with their memberships of
    active departments (in the roadmap's order)."""

    id: int
    first_name: str
    language: str | None
    telegram_language: str | None
    timezone: str | None
    memberships: tuple[Membership, ...] = ()

    @property
    def locale(self) -> str:
        return pick_locale(self.language, self.telegram_language)


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    first_name: str
    last_name: str | None
    username: str | None
    language: str | None
    telegram_language: str | None
    timezone: str | None
    notify_counterpart: bool
    reminders_paused_until: date | None
    unreachable: bool

    @property
    def display_name(self) -> str:
        name = " ".join(filter(None, [self.first_name, self.last_name]))
        return name or (f"@{self.username}" if self.username else f"id {self.id}")

    @property
    def locale(self) -> str:
        return pick_locale(self.language, self.telegram_language)

    def paused_on(self, day: date) -> bool:
        return paused_on(self.reminders_paused_until, day)


def paused_on(paused_until: date | None, day: date) -> bool:
    """Reminders paused (a vacation) until a date, that date included."""
    return paused_until is not None and day <= paused_until


class MembershipStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    REVOKED = "revoked"


@dataclass(frozen=True, slots=True)
class Membership:
    user_id: int
    department_id: str
    status: str  # a MembershipStatus value
    decided_at: datetime | None = None
    decided_by: int | None = None


# A request withdrawn (or a department left) may be made again after a short while; one
# rejected or revoked by the office, after a day: joining and leaving in a loop must not
# flood the office with requests.
WITHDRAWN_COOLDOWN = timedelta(minutes=10)
REFUSED_COOLDOWN = timedelta(days=1)


def revoked_by_office(previous: Membership | None) -> bool:
    """Did the office take this person's access away? Then only the office gives it back:
    a new request waits for approval even where requests are approved at once."""
    return (
        previous is not None
        and previous.status == MembershipStatus.REVOKED
        and previous.decided_by not in (None, previous.user_id)
    )


def next_request_at(previous: Membership | None) -> datetime | None:
    """When a new request for this department may be made, if not at once."""
    if previous is None or previous.decided_at is None:
        return None
    if previous.status == MembershipStatus.REJECTED:
        wait = REFUSED_COOLDOWN
    elif previous.status == MembershipStatus.REVOKED:
        by_self = previous.decided_by in (None, previous.user_id)
        wait = WITHDRAWN_COOLDOWN if by_self else REFUSED_COOLDOWN
    else:
        return None
    return previous.decided_at + wait


@dataclass(frozen=True, slots=True)
class AuditEntry:
    actor_id: int
    action: str
    subject_id: int | None
    details: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """An audit entry to write together with the change it records."""

    actor_id: int
    action: str
    subject_id: int | None = None
    details: str = ""
