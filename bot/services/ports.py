"""The ports: what the use cases (and the Telegram layer) need from storage and from the
outside world, as protocols. storage.Repository implements the storage ones with SQLite;
the Telegram layer implements the message ones (texts, delivery, broadcasting)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.domain.catalog import Catalog
from bot.domain.invites import Invite
from bot.domain.notices import Notice, QueuedNotice
from bot.domain.people import AuditEntry, AuditRecord, Membership, Person, UserProfile
from bot.domain.reports import Evidence, NewStatusReport, StatusReport
from bot.domain.roadmap import Item, Roadmap
from bot.domain.year_end import YearText

# --- storage -------------------------------------------------------------------------------


class StorageUnavailable(Exception):
    """Storage cannot do it now, and changed nothing: busy (another process holds a lock),
    full (no disk space), read-only, or unavailable (an I/O error)."""

    BUSY = "busy"
    FULL = "full"
    READ_ONLY = "read-only"
    UNAVAILABLE = "unavailable"

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"storage {reason}: {detail}" if detail else f"storage {reason}")
        self.reason = reason


@dataclass(frozen=True, slots=True)
class StoredRoadmap:
    number: int
    roadmap: Roadmap  # with its own codes and the bot's department ids
    retired: tuple[Item, ...]
    active_until: int | None
    source: str  # 'file': synced from ROADMAP_PATH at start; 'bot': loaded by an admin
    digest: str
    loaded_at: str
    loaded_by: int | None


class Roadmaps(Protocol):
    async def stored_roadmaps(self) -> list[StoredRoadmap]: ...

    async def store_roadmap(
        self,
        number: int,
        roadmap: Roadmap,
        *,
        retired: tuple[Item, ...] = (),
        source: str,
        loaded_by: int | None = None,
        replacing: str | None = None,
        active_until: int | None = None,
    ) -> bool: ...

    async def sync_roadmap(self, roadmap: Roadmap | Catalog) -> object: ...

    async def roadmaps_fingerprint(self) -> str: ...

    async def set_active_until(self, number: int, year: int | None) -> None: ...

    async def office_roadmaps(self, user_id: int) -> list[int]: ...

    async def office_members(self, number: int) -> list[int]: ...

    async def all_office_members(self) -> dict[int, list[int]]: ...

    async def add_office_member(self, number: int, user_id: int, added_by: int) -> bool: ...

    async def remove_office_member(self, number: int, user_id: int) -> bool: ...


class People(Protocol):
    async def touch_user(
        self,
        user_id: int,
        first_name: str,
        last_name: str | None,
        username: str | None,
        telegram_language: str | None,
    ) -> UserProfile: ...

    async def person(self, user_id: int) -> Person | None: ...

    async def people(self, user_ids: list[int]) -> dict[int, Person]: ...

    async def recent_people(self, limit: int, offset: int = 0) -> list[Person]:
        """People who have written to the bot, the most recently seen first."""
        ...

    async def set_user_setting(self, user_id: int, name: str, value: object) -> None: ...

    async def mark_unreachable(self, user_id: int) -> None: ...


class Memberships(Protocol):
    async def request_membership(
        self, user_id: int, department_id: str, approve_at_once: bool, audit: AuditRecord
    ) -> tuple[str, bool]: ...

    async def decide_membership(
        self, user_id: int, department_id: str, approve: bool, audit: AuditRecord
    ) -> str | None: ...

    async def end_membership(
        self, user_id: int, department_id: str, audit: AuditRecord
    ) -> bool: ...

    async def membership(self, user_id: int, department_id: str) -> Membership | None: ...

    async def pending_requests(self) -> list[Membership]: ...

    async def memberships_of(self, user_id: int) -> list[Membership]: ...

    async def approved_departments(self, user_id: int) -> list[str]: ...

    async def coordinators(self, department_ids: list[str]) -> list[tuple[str, Person]]: ...

    async def notice_recipients(
        self, department_ids: list[str], exclude: int
    ) -> list[tuple[int, str | None, str | None]]: ...

    async def reminder_audience(self) -> list[tuple[Person, list[str]]]: ...


class Invites(Protocol):
    async def create_invite(self, token: str, department_id: str, audit: AuditRecord) -> Invite: ...

    async def invite(self, token: str) -> Invite | None: ...

    async def live_invites(self) -> list[Invite]: ...

    async def revoke_invite(self, invite_id: int, audit: AuditRecord) -> Invite | None: ...

    async def claim_invite(self, invite_id: int) -> bool: ...

    async def record_invite_use(self, invite_id: int, audit: AuditRecord) -> None: ...


class RequestMessages(Protocol):
    """Where the admins' copies of a membership request were sent: (chat id, message id)."""

    async def keep_request_messages(
        self, user_id: int, department_id: str, messages: list[tuple[int, int]]
    ) -> None: ...

    async def take_request_messages(
        self, user_id: int, department_id: str
    ) -> list[tuple[int, int]]: ...


class AuditLog(Protocol):
    async def audit(self, record: AuditRecord) -> None: ...

    async def recent_audit(self, limit: int = 20) -> list[AuditEntry]: ...

    async def audit_changes(
        self,
        departments: Sequence[str] = (),
        people: Sequence[int] = (),
        offset: int = 0,
        limit: int = 20,
        items: Sequence[str] = (),
        within: Sequence[str] | None = None,
    ) -> tuple[list[AuditEntry], int]: ...

    async def audit_people(self) -> list[int]: ...


class StatusReports(Protocol):
    async def add_status_report(
        self, report: NewStatusReport, notices: Sequence[Notice] = ()
    ) -> tuple[int, bool]: ...

    async def status_report(self, report_id: int) -> StatusReport | None: ...

    async def latest_reports(
        self, item_codes: list[str] | None = None
    ) -> dict[str, dict[str, StatusReport]]: ...

    async def latest_by_department(
        self, item_codes: list[str] | None = None
    ) -> dict[tuple[str, str], StatusReport]: ...

    async def latest_of_department(
        self, item_code: str, department_id: str
    ) -> StatusReport | None: ...

    async def report_history(
        self, item_code: str, offset: int, limit: int
    ) -> tuple[list[StatusReport], int]: ...

    async def edit_status_report(
        self,
        report_id: int,
        user_id: int,
        status: str,
        comment: str,
        evidence: Evidence | None = None,
    ) -> bool: ...

    async def withdraw_status_report(
        self, report_id: int, user_id: int, audit: AuditRecord
    ) -> bool: ...

    async def reports_between(
        self, start: datetime, end: datetime, *, withdrawn: bool = False
    ) -> list[StatusReport]: ...

    async def latest_before(self, end: datetime) -> dict[tuple[str, str], StatusReport]: ...

    async def report_moments(self, since: datetime) -> list[tuple[str, str, datetime]]: ...


class YearTexts(Protocol):
    async def year_texts(self, year: int) -> dict[tuple[str, str], YearText]: ...

    async def confirm_year_text(
        self,
        year: int,
        item_code: str,
        department_id: str,
        text: str,
        user_id: int,
        corrected: bool,
        audit: AuditRecord,
        carry: NewStatusReport | None = None,
    ) -> bool: ...


class Leases(Protocol):
    async def hold_lease(self, name: str, holder: str, ttl: timedelta) -> bool: ...

    async def release_lease(self, name: str, holder: str) -> None: ...


class ReminderLog(Protocol):
    async def claim_reminder(
        self, user_id: int, kind: str, period: str, lease: timedelta
    ) -> bool: ...

    async def finish_reminder(
        self, user_id: int, kind: str, period: str, state: str, detail: str | None = None
    ) -> None: ...

    async def release_reminder(self, user_id: int, kind: str, period: str) -> None: ...

    async def record_dropped(self, user_id: int, kind: str, period: str, detail: str) -> bool: ...

    async def logged_reminders(self, lease: timedelta) -> set[tuple[int, str, str]]: ...


class OutboxStore(Protocol):
    async def queue_notices(
        self, notices: Sequence[Notice], not_before: datetime | None = None
    ) -> None: ...

    async def postpone_notice(self, notice_id: int, until: datetime) -> None: ...

    async def pending_for(self, chat_id: int) -> int: ...

    async def due_notices(self, limit: int = 100) -> list[QueuedNotice]: ...

    async def claim_due_notices(
        self, limit: int = 100, lease: timedelta = ...
    ) -> list[QueuedNotice]: ...

    async def release_notices(self, notice_ids: list[int]) -> None: ...

    async def next_notice_at(self) -> datetime | None: ...

    async def finish_notice(self, notice_id: int, state: str) -> None: ...

    async def retry_notice(self, notice_id: int, after: timedelta) -> None: ...

    async def forget_finished_notices(self, older_than: timedelta) -> int: ...


class ProcessedUpdates(Protocol):
    """Telegram updates already handled (the Telegram layer's exactly-once log)."""

    async def is_update_processed(self, update_id: int) -> bool: ...

    async def claim_update(self, update_id: int, lease: timedelta) -> bool: ...

    async def renew_update_claim(self, update_id: int) -> None: ...

    async def is_update_done(self, update_id: int) -> bool: ...

    async def processed_among(self, update_ids: list[int]) -> set[int]: ...

    async def mark_updates_processed(
        self, update_ids: list[int], from_inbox: list[int] | None = None
    ) -> None: ...


class Inbox(ProcessedUpdates, Protocol):
    """Telegram updates confirmed to Telegram while still being handled (the poller's)."""

    async def forget_updates_below(self, update_id: int) -> int: ...

    async def keep_in_inbox(self, updates: list[tuple[int, str]]) -> None: ...

    async def inbox(self) -> list[tuple[int, str]]: ...


class DialogStore(Protocol):
    async def fsm_get(self, key: str) -> tuple[str | None, dict]: ...

    async def fsm_set_state(self, key: str, state: str | None) -> None: ...

    async def fsm_set_data(self, key: str, data: dict) -> None: ...


# --- the outside world ---------------------------------------------------------------------


class Delivery(Protocol):
    """Sends one message to a person now (retried as Telegram allows); False if it could not
    be delivered. A person who blocked the bot is marked unreachable."""

    async def deliver(self, notice: Notice) -> bool: ...


class EditableDelivery(Protocol):
    """Messages that change later (an admin's copy of a request, once another admin decides
    it): sent now with their id, edited in place afterwards."""

    async def deliver_editable(self, notice: Notice) -> int | None:
        """The sent message's id; None if it could not be sent now (then it is queued, or
        the person cannot be reached, and there is nothing to edit later)."""
        ...

    async def replace_text(self, chat_id: int, message_id: int, text: str) -> bool:
        """The message shows this text and no buttons; False, quietly, if it cannot be
        edited any more (deleted, too old, the chat blocked the bot)."""
        ...
