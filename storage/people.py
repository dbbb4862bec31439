"""Queries about people: user settings, department memberships, coordinators."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from storage.base import RepoBase


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


@dataclass(frozen=True, slots=True)
class Membership:
    user_id: int
    department_id: str
    status: str  # pending, approved, rejected, revoked


@dataclass(frozen=True, slots=True)
class AuditEntry:
    actor_id: int
    action: str
    subject_id: int | None
    details: str
    created_at: datetime


async def _audit(
    conn, actor_id: int, action: str, subject_id: int | None, details: str, now: str
) -> None:
    """Write an audit entry inside the caller's transaction: the change and its record
    are saved together or not at all."""
    await conn.execute(
        "INSERT INTO audit_log (actor_id, action, subject_id, details, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (actor_id, action, subject_id, details, now),
    )


_PERSON_FIELDS = (
    "id",
    "first_name",
    "last_name",
    "username",
    "language",
    "telegram_language",
    "timezone",
    "notify_counterpart",
    "reminders_paused_until",
    "unreachable_since",
)
_PERSON_COLUMNS = ", ".join(_PERSON_FIELDS)
_U_PERSON_COLUMNS = ", ".join(f"u.{name}" for name in _PERSON_FIELDS)
_SETTABLE = {"language", "timezone", "notify_counterpart", "reminders_paused_until"}


def _person(row) -> Person:
    paused = row["reminders_paused_until"]
    return Person(
        id=row["id"],
        first_name=row["first_name"],
        last_name=row["last_name"],
        username=row["username"],
        language=row["language"],
        telegram_language=row["telegram_language"],
        timezone=row["timezone"],
        notify_counterpart=bool(row["notify_counterpart"]),
        reminders_paused_until=date.fromisoformat(paused) if paused else None,
        unreachable=row["unreachable_since"] is not None,
    )


class PeopleQueries(RepoBase):
    async def person(self, user_id: int) -> Person | None:
        row = await self.db.fetchone(
            f"SELECT {_PERSON_COLUMNS} FROM users WHERE id = ?", (user_id,)
        )
        return _person(row) if row else None

    async def people(self, user_ids: list[int]) -> dict[int, Person]:
        if not user_ids:
            return {}
        marks = ",".join("?" * len(user_ids))
        rows = await self.db.fetchall(
            f"SELECT {_PERSON_COLUMNS} FROM users WHERE id IN ({marks})", user_ids
        )
        return {row["id"]: _person(row) for row in rows}

    async def set_user_setting(self, user_id: int, name: str, value: object) -> None:
        if name not in _SETTABLE:
            raise ValueError(f"not a user setting: {name}")
        if isinstance(value, date):
            value = value.isoformat()
        async with self.db.transaction() as conn:
            await conn.execute(
                f"UPDATE users SET {name} = ?, updated_at = ? WHERE id = ?",
                (value, self._now(), user_id),
            )

    async def mark_unreachable(self, user_id: int) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE users SET unreachable_since = COALESCE(unreachable_since, ?) WHERE id = ?",
                (self._now(), user_id),
            )

    async def request_membership(
        self, user_id: int, department_id: str, approve_at_once: bool
    ) -> tuple[str, bool]:
        """(status, changed): a repeated request changes nothing and says where it stands."""
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT status FROM memberships WHERE user_id = ? AND department_id = ?",
                (user_id, department_id),
            ) as cursor:
                row = await cursor.fetchone()
            if row is not None and row["status"] in ("pending", "approved"):
                return row["status"], False
            status = "approved" if approve_at_once else "pending"
            now = self._now()
            await _audit(
                conn,
                user_id,
                f"membership.{'join' if approve_at_once else 'request'}",
                user_id,
                department_id,
                now,
            )
            await conn.execute(
                "INSERT INTO memberships (user_id, department_id, status, requested_at, "
                "decided_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(user_id, department_id) DO "
                "UPDATE SET status = excluded.status, requested_at = excluded.requested_at, "
                "decided_at = excluded.decided_at, decided_by = NULL",
                (user_id, department_id, status, now, now if approve_at_once else None),
            )
            return status, True

    async def decide_membership(
        self, user_id: int, department_id: str, approve: bool, admin_id: int
    ) -> str | None:
        """Approve or reject a pending request; None if it is no longer pending."""
        status = "approved" if approve else "rejected"
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE memberships SET status = ?, decided_at = ?, decided_by = ? "
                "WHERE user_id = ? AND department_id = ? AND status = 'pending'",
                (status, self._now(), admin_id, user_id, department_id),
            )
            if not cursor.rowcount:
                return None
            await _audit(
                conn,
                admin_id,
                f"membership.{'approve' if approve else 'reject'}",
                user_id,
                department_id,
                self._now(),
            )
            return status

    async def leave_department(
        self, user_id: int, department_id: str, by: int | None = None
    ) -> bool:
        """End a membership: the user leaves, or an admin (`by`) revokes it."""
        actor = by if by is not None else user_id
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE memberships SET status = 'revoked', decided_at = ?, decided_by = ? "
                "WHERE user_id = ? AND department_id = ? AND status IN ('pending', 'approved')",
                (self._now(), actor, user_id, department_id),
            )
            if not cursor.rowcount:
                return False
            action = "membership.leave" if actor == user_id else "membership.revoke"
            await _audit(conn, actor, action, user_id, department_id, self._now())
            return True

    async def pending_requests(self) -> list[Membership]:
        rows = await self.db.fetchall(
            "SELECT m.user_id, m.department_id, m.status FROM memberships m "
            "JOIN departments d ON d.id = m.department_id "
            "WHERE m.status = 'pending' AND d.active = 1 ORDER BY m.requested_at"
        )
        return [Membership(r["user_id"], r["department_id"], r["status"]) for r in rows]

    async def audit(
        self, actor_id: int, action: str, subject_id: int | None = None, details: str = ""
    ) -> None:
        async with self.db.transaction() as conn:
            await _audit(conn, actor_id, action, subject_id, details, self._now())

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

    async def memberships_of(self, user_id: int) -> list[Membership]:
        rows = await self.db.fetchall(
            "SELECT m.user_id, m.department_id, m.status FROM memberships m "
            "JOIN departments d ON d.id = m.department_id "
            "WHERE m.user_id = ? AND d.active = 1 ORDER BY d.position",
            (user_id,),
        )
        return [Membership(r["user_id"], r["department_id"], r["status"]) for r in rows]

    async def approved_departments(self, user_id: int) -> list[str]:
        return [
            m.department_id for m in await self.memberships_of(user_id) if m.status == "approved"
        ]

    async def coordinators(self, department_ids: list[str]) -> list[tuple[str, Person]]:
        """Approved coordinators of these departments, as (department id, person)."""
        if not department_ids:
            return []
        marks = ",".join("?" * len(department_ids))
        rows = await self.db.fetchall(
            f"SELECT m.department_id, {_U_PERSON_COLUMNS} "
            f"FROM memberships m JOIN users u ON u.id = m.user_id "
            f"WHERE m.status = 'approved' AND m.department_id IN ({marks}) ORDER BY u.id",
            department_ids,
        )
        return [(row["department_id"], _person(row)) for row in rows]

    async def notice_recipients(
        self, department_ids: list[str], exclude: int
    ) -> list[tuple[int, str | None, str | None]]:
        """(id, language, Telegram language) of the approved coordinators of these departments
        who want counterpart notices and can be reached; each once, `exclude` left out."""
        if not department_ids:
            return []
        marks = ",".join("?" * len(department_ids))
        rows = await self.db.fetchall(
            "SELECT DISTINCT u.id, u.language, u.telegram_language "
            "FROM memberships m JOIN users u ON u.id = m.user_id "
            f"WHERE m.status = 'approved' AND m.department_id IN ({marks}) "
            "AND u.notify_counterpart = 1 AND u.unreachable_since IS NULL AND u.id != ? "
            "ORDER BY u.id",
            [*department_ids, exclude],
        )
        return [(row[0], row[1], row[2]) for row in rows]

    async def seed_coordinators(self, people: list[tuple[int, str, str, str]]) -> None:
        """Add approved coordinators in bulk: (user id, first name, language, department)."""
        now = self._now()
        async with self.db.transaction() as conn:
            await conn.executemany(
                "INSERT OR IGNORE INTO users (id, first_name, telegram_language, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?)",
                [(uid, name, lang, now, now) for uid, name, lang, _ in people],
            )
            await conn.executemany(
                "INSERT OR REPLACE INTO memberships (user_id, department_id, status, "
                "requested_at, decided_at) VALUES (?, ?, 'approved', ?, ?)",
                [(uid, dep, now, now) for uid, _, _, dep in people],
            )
