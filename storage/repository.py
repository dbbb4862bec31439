"""The SQLite repository: one object that implements every repository protocol the services
and the Telegram layer declare (bot/services/ports.py), grouped by subject in this folder."""

from __future__ import annotations

from storage.audit import AuditQueries
from storage.base import RepoBase
from storage.dialogs import DialogQueries
from storage.invites import InviteQueries
from storage.memberships import MembershipQueries
from storage.outbox import OutboxQueries
from storage.people import PeopleQueries
from storage.reminder_log import ReminderLogQueries
from storage.request_messages import RequestMessageQueries
from storage.roadmap import RoadmapQueries, SyncResult
from storage.status_reports import StatusReportQueries
from storage.telegram_updates import TelegramUpdateQueries
from storage.year_texts import YearTextQueries

__all__ = ["Repository", "SyncResult"]


class Repository(
    RoadmapQueries,
    PeopleQueries,
    MembershipQueries,
    AuditQueries,
    StatusReportQueries,
    ReminderLogQueries,
    OutboxQueries,
    TelegramUpdateQueries,
    DialogQueries,
    YearTextQueries,
    InviteQueries,
    RequestMessageQueries,
    RepoBase,
):
    """All named queries over one database and one clock."""
