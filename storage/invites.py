"""Invite links: made for a department, counted as they are used, revoked."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime

from bot.domain.invites import Invite
from bot.domain.people import AuditRecord
from storage.audit import write_audit
from storage.base import RepoBase

_FIELDS = (
    "id",
    "token",
    "department_id",
    "created_by",
    "created_at",
    "revoked_at",
    "uses",
    "last_used_at",
)
_COLUMNS = ", ".join(_FIELDS)
_I_COLUMNS = ", ".join(f"i.{name}" for name in _FIELDS)


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def invite_from_row(row: sqlite3.Row) -> Invite:
    return Invite(
        row["id"],
        row["token"],
        row["department_id"],
        row["created_by"],
        datetime.fromisoformat(row["created_at"]),
        _moment(row["revoked_at"]),
        row["uses"],
        _moment(row["last_used_at"]),
    )


class InviteQueries(RepoBase):
    async def create_invite(self, token: str, department_id: str, audit: AuditRecord) -> Invite:
        """The department's live link: a new one with this token, or the one it has already
        (one live link per department, so the office never loses track of what it sent)."""
        now = self._now()

        def create(conn: sqlite3.Connection) -> Invite:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM invites WHERE department_id = ? "
                "AND revoked_at IS NULL ORDER BY id LIMIT 1",
                (department_id,),
            ).fetchone()
            if row is None:
                conn.execute(
                    "INSERT INTO invites (token, department_id, created_by, created_at) "
                    "VALUES (?, ?, ?, ?)",
                    (token, department_id, audit.actor_id, now),
                )
                write_audit(conn, audit, now)
                row = conn.execute(
                    f"SELECT {_COLUMNS} FROM invites WHERE token = ?", (token,)
                ).fetchone()
            return invite_from_row(row)

        return await self.db.write(create)

    async def invite(self, token: str) -> Invite | None:
        row = await self.db.fetchone(f"SELECT {_COLUMNS} FROM invites WHERE token = ?", (token,))
        return invite_from_row(row) if row is not None else None

    async def live_invites(self) -> list[Invite]:
        """Links not revoked, of departments still in the roadmap, in the roadmap's order."""
        rows = await self.db.fetchall(
            f"SELECT {_I_COLUMNS} FROM invites i JOIN departments d ON d.id = i.department_id "
            "WHERE i.revoked_at IS NULL AND d.active = 1 ORDER BY d.position, i.id"
        )
        return [invite_from_row(row) for row in rows]

    async def revoke_invite(self, invite_id: int, audit: AuditRecord) -> Invite | None:
        """The link stops working; None if there is no such live link. The audit record is
        written with the link's department as its details."""
        now = self._now()

        def revoke(conn: sqlite3.Connection) -> Invite | None:
            cursor = conn.execute(
                "UPDATE invites SET revoked_at = ?, revoked_by = ? "
                "WHERE id = ? AND revoked_at IS NULL",
                (now, audit.actor_id, invite_id),
            )
            if not cursor.rowcount:
                return None
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM invites WHERE id = ?", (invite_id,)
            ).fetchone()
            write_audit(conn, replace(audit, details=row["department_id"]), now)
            return invite_from_row(row)

        return await self.db.write(revoke)

    async def claim_invite(self, invite_id: int) -> bool:
        """A tap on the link, counted only while it is live: False if it was revoked, so a
        revocation and a tap cannot cross (one write decides which came first)."""
        now = self._now()

        def claim(conn: sqlite3.Connection) -> bool:
            cursor = conn.execute(
                "UPDATE invites SET uses = uses + 1, last_used_at = ? "
                "WHERE id = ? AND revoked_at IS NULL",
                (now, invite_id),
            )
            return cursor.rowcount == 1

        return await self.db.write(claim)

    async def record_invite_use(self, invite_id: int, audit: AuditRecord) -> None:
        """A request was made through the link: its audit entry."""
        now = self._now()

        def use(conn: sqlite3.Connection) -> None:
            write_audit(conn, audit, now)

        await self.db.write(use)
