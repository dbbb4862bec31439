"""Queries for reminders: who is owed one, what they reported, and the exactly-once log."""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.base import RepoBase
from storage.people import _PERSON_FIELDS, Person, _person

_U_COLUMNS = ", ".join(f"u.{name}" for name in _PERSON_FIELDS)


class ReminderQueries(RepoBase):
    async def reminder_audience(self) -> list[tuple[Person, list[str]]]:
        """Every approved coordinator with their (active) departments."""
        rows = await self.db.fetchall(
            f"SELECT m.department_id, {_U_COLUMNS} FROM memberships m "
            "JOIN users u ON u.id = m.user_id JOIN departments d ON d.id = m.department_id "
            "WHERE m.status = 'approved' AND d.active = 1 ORDER BY u.id, d.position",
            bulk=True,
        )
        audience: dict[int, tuple[Person, list[str]]] = {}
        for row in rows:
            person = audience.setdefault(row["id"], (_person(row), []))
            person[1].append(row["department_id"])
        return list(audience.values())

    async def update_moments(self, since: datetime) -> list[tuple[str, str, datetime]]:
        """(item, department, when) of every standing update since a moment."""
        rows = await self.db.fetchall(
            "SELECT item_code, department_id, created_at FROM status_updates "
            "WHERE withdrawn_at IS NULL AND created_at >= ?",
            (since.isoformat(timespec="seconds"),),
            bulk=True,
        )
        return [(r[0], r[1], datetime.fromisoformat(r[2])) for r in rows]

    async def claim_reminder(self, user_id: int, kind: str, period: str, lease: timedelta) -> bool:
        """Take the right to send this reminder; False if it was sent or is being sent.

        A claim left by a process that died is taken over once its lease has run out.
        """
        now = self.clock.now()
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT state, claimed_at FROM reminder_log "
                "WHERE user_id = ? AND kind = ? AND period = ?",
                (user_id, kind, period),
            ) as cur:
                row = await cur.fetchone()
            if row is not None and not (
                row["state"] == "claimed"
                and datetime.fromisoformat(row["claimed_at"]) <= now - lease
            ):
                return False
            await conn.execute(
                "INSERT INTO reminder_log (user_id, kind, period, state, claimed_at) "
                "VALUES (?, ?, ?, 'claimed', ?) ON CONFLICT(user_id, kind, period) DO UPDATE "
                "SET state = 'claimed', claimed_at = excluded.claimed_at",
                (user_id, kind, period, now.isoformat(timespec="seconds")),
            )
            return True

    async def finish_reminder(
        self, user_id: int, kind: str, period: str, state: str, detail: str | None = None
    ) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE reminder_log SET state = ?, detail = ?, sent_at = ? "
                "WHERE user_id = ? AND kind = ? AND period = ?",
                (state, detail, self._now(), user_id, kind, period),
            )

    async def release_reminder(self, user_id: int, kind: str, period: str) -> None:
        """Give a claim back after a passing failure, so a later run can try again."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "DELETE FROM reminder_log WHERE user_id = ? AND kind = ? AND period = ? "
                "AND state = 'claimed'",
                (user_id, kind, period),
            )

    async def record_dropped(self, user_id: int, kind: str, period: str, detail: str) -> bool:
        """Note a reminder that fell due too long ago; True the first time only."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO reminder_log (user_id, kind, period, state, detail, "
                "claimed_at) VALUES (?, ?, ?, 'skipped', ?, ?)",
                (user_id, kind, period, detail, self._now()),
            )
            return cursor.rowcount > 0

    async def reminder_log(self) -> list[tuple[int, str, str, str]]:
        rows = await self.db.fetchall(
            "SELECT user_id, kind, period, state FROM reminder_log ORDER BY user_id, kind",
            bulk=True,
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    async def logged_reminders(self, lease: timedelta) -> set[tuple[int, str, str]]:
        """Reminders sent, given up on, or being sent now (a claim whose lease still runs)."""
        cutoff = (self.clock.now() - lease).isoformat(timespec="seconds")
        rows = await self.db.fetchall(
            "SELECT user_id, kind, period FROM reminder_log "
            "WHERE state != 'claimed' OR claimed_at > ?",
            (cutoff,),
            bulk=True,
        )
        return {(r[0], r[1], r[2]) for r in rows}
