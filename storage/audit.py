"""The audit log: who changed what, written in the same transaction as the change."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.domain.people import AuditEntry, AuditRecord
from storage.base import RepoBase


def write_audit(conn: sqlite3.Connection, record: AuditRecord, now: str) -> None:
    """Inside the caller's transaction: the change and its record are saved together or not
    at all."""
    conn.execute(
        "INSERT INTO audit_log (actor_id, action, subject_id, details, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (record.actor_id, record.action, record.subject_id, record.details, now),
    )


class AuditQueries(RepoBase):
    async def audit(self, record: AuditRecord) -> None:
        now = self._now()
        await self.db.write(lambda conn: write_audit(conn, record, now))

    async def recent_audit(self, limit: int = 20) -> list[AuditEntry]:
        rows = await self.db.fetchall(
            "SELECT actor_id, action, subject_id, details, created_at FROM audit_log "
            "ORDER BY created_at DESC, id DESC LIMIT ?",
            (limit,),
        )
        return [
            AuditEntry(
                r["actor_id"],
                r["action"],
                r["subject_id"],
                r["details"],
                datetime.fromisoformat(r["created_at"]),
            )
            for r in rows
        ]
