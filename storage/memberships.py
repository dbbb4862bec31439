"""Memberships: who coordinates which department, requested, approved, revoked."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.domain.people import AuditRecord, Membership, Person
from storage.audit import write_audit
from storage.base import RepoBase, marks
from storage.people import PERSON_FIELDS, person_from_row

_U_PERSON_COLUMNS = ", ".join(f"u.{name}" for name in PERSON_FIELDS)


class MembershipQueries(RepoBase):
    async def request_membership(
        self, user_id: int, department_id: str, approve_at_once: bool, audit: AuditRecord
    ) -> tuple[str, bool]:
        """(status, changed): a repeated request changes nothing and says where it stands."""
        status = "approved" if approve_at_once else "pending"
        now = self._now()

        def request(conn: sqlite3.Connection) -> tuple[str, bool]:
            row = conn.execute(
                "SELECT status FROM memberships WHERE user_id = ? AND department_id = ?",
                (user_id, department_id),
            ).fetchone()
            if row is not None and row["status"] in ("pending", "approved"):
                return row["status"], False
            conn.execute(
                "INSERT INTO memberships (user_id, department_id, status, requested_at, "
                "decided_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(user_id, department_id) DO "
                "UPDATE SET status = excluded.status, requested_at = excluded.requested_at, "
                "decided_at = excluded.decided_at, decided_by = NULL",
                (user_id, department_id, status, now, now if approve_at_once else None),
            )
            write_audit(conn, audit, now)
            return status, True

        return await self.db.write(request)

    async def decide_membership(
        self, user_id: int, department_id: str, approve: bool, audit: AuditRecord
    ) -> str | None:
        """Approve or reject a pending request; None if it is no longer pending."""
        status = "approved" if approve else "rejected"
        now = self._now()

        def decide(conn: sqlite3.Connection) -> str | None:
            cursor = conn.execute(
                "UPDATE memberships SET status = ?, decided_at = ?, decided_by = ? "
                "WHERE user_id = ? AND department_id = ? AND status = 'pending'",
                (status, now, audit.actor_id, user_id, department_id),
            )
            if not cursor.rowcount:
                return None
            write_audit(conn, audit, now)
            return status

        return await self.db.write(decide)

    async def end_membership(self, user_id: int, department_id: str, audit: AuditRecord) -> bool:
        """The user leaves a department, or an admin revokes the membership."""
        now = self._now()

        def end(conn: sqlite3.Connection) -> bool:
            cursor = conn.execute(
                "UPDATE memberships SET status = 'revoked', decided_at = ?, decided_by = ? "
                "WHERE user_id = ? AND department_id = ? AND status IN ('pending', 'approved')",
                (now, audit.actor_id, user_id, department_id),
            )
            if not cursor.rowcount:
                return False
            write_audit(conn, audit, now)
            return True

        return await self.db.write(end)

    async def membership(self, user_id: int, department_id: str) -> Membership | None:
        """The user's membership of the department in whatever state, with its decision."""
        row = await self.db.fetchone(
            "SELECT user_id, department_id, status, decided_at, decided_by FROM memberships "
            "WHERE user_id = ? AND department_id = ?",
            (user_id, department_id),
        )
        if row is None:
            return None
        decided = datetime.fromisoformat(row["decided_at"]) if row["decided_at"] else None
        return Membership(row[0], row[1], row[2], decided, row["decided_by"])

    async def pending_requests(self) -> list[Membership]:
        rows = await self.db.fetchall(
            "SELECT m.user_id, m.department_id, m.status FROM memberships m "
            "JOIN departments d ON d.id = m.department_id "
            "WHERE m.status = 'pending' AND d.active = 1 ORDER BY m.requested_at"
        )
        return [Membership(r["user_id"], r["department_id"], r["status"]) for r in rows]

    async def memberships_of(self, user_id: int) -> list[Membership]:
        rows = await self.db.fetchall(
            "SELECT m.user_id, m.department_id, m.status FROM memberships m "
            "JOIN departments d ON d.id = m.department_id "
            "WHERE m.user_id = ? AND d.active = 1 ORDER BY d.position",
            (user_id,),
        )
        return [Membership(r["user_id"], r["department_id"], r["status"]) for r in rows]

    async def approved_departments(self, user_id: int) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT m.department_id FROM memberships m "
            "JOIN departments d ON d.id = m.department_id "
            "WHERE m.user_id = ? AND m.status = 'approved' AND d.active = 1 ORDER BY d.position",
            (user_id,),
        )
        return [r[0] for r in rows]

    async def coordinators(self, department_ids: list[str]) -> list[tuple[str, Person]]:
        """Approved coordinators of these departments, as (department id, person)."""
        if not department_ids:
            return []
        rows = await self.db.fetchall(
            f"SELECT m.department_id, {_U_PERSON_COLUMNS} "
            f"FROM memberships m JOIN users u ON u.id = m.user_id "
            f"WHERE m.status = 'approved' AND m.department_id IN ({marks(department_ids)}) "
            "ORDER BY u.id",
            department_ids,
        )
        return [(row["department_id"], person_from_row(row)) for row in rows]

    async def notice_recipients(
        self, department_ids: list[str], exclude: int
    ) -> list[tuple[int, str | None, str | None]]:
        """(id, language, Telegram language) of the approved coordinators of these departments
        who want counterpart notices and can be reached; each once, `exclude` left out."""
        if not department_ids:
            return []
        rows = await self.db.fetchall(
            "SELECT DISTINCT u.id, u.language, u.telegram_language "
            "FROM memberships m JOIN users u ON u.id = m.user_id "
            f"WHERE m.status = 'approved' AND m.department_id IN ({marks(department_ids)}) "
            "AND u.notify_counterpart = 1 AND u.unreachable_since IS NULL AND u.id != ? "
            "ORDER BY u.id",
            [*department_ids, exclude],
        )
        return [(row[0], row[1], row[2]) for row in rows]

    async def reminder_audience(self) -> list[tuple[Person, list[str]]]:
        """Every approved coordinator with their (active) departments."""
        rows = await self.db.fetchall(
            f"SELECT m.department_id, {_U_PERSON_COLUMNS} FROM memberships m "
            "JOIN users u ON u.id = m.user_id JOIN departments d ON d.id = m.department_id "
            "WHERE m.status = 'approved' AND d.active = 1 ORDER BY u.id, d.position",
            bulk=True,
        )
        audience: dict[int, tuple[Person, list[str]]] = {}
        for row in rows:
            person = audience.setdefault(row["id"], (person_from_row(row), []))
            person[1].append(row["department_id"])
        return list(audience.values())
