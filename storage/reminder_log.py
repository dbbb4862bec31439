"""The reminder log: each reminder (user, kind, period) claimed before it is sent, so it goes
out at most once across restarts, overlapping runs and processes."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from storage.base import RepoBase


class ReminderLogQueries(RepoBase):
    async def claim_reminder(self, user_id: int, kind: str, period: str, lease: timedelta) -> bool:
        """Take the right to send this reminder; False if it was sent or is being sent.

        A claim left by a process that died is taken over once its lease has run out.
        """
        now = self.clock.now()

        def claim(conn: sqlite3.Connection) -> bool:
            row = conn.execute(
                "SELECT state, claimed_at FROM reminder_log "
                "WHERE user_id = ? AND kind = ? AND period = ?",
                (user_id, kind, period),
            ).fetchone()
            if row is not None and not (
                row["state"] == "claimed"
                and datetime.fromisoformat(row["claimed_at"]) <= now - lease
            ):
                return False
            conn.execute(
                "INSERT INTO reminder_log (user_id, kind, period, state, claimed_at) "
                "VALUES (?, ?, ?, 'claimed', ?) ON CONFLICT(user_id, kind, period) DO UPDATE "
                "SET state = 'claimed', claimed_at = excluded.claimed_at",
                (user_id, kind, period, now.isoformat(timespec="seconds")),
            )
            return True

        return await self.db.write(claim)

    async def finish_reminder(
        self, user_id: int, kind: str, period: str, state: str, detail: str | None = None
    ) -> None:
        params = (state, detail, self._now(), user_id, kind, period)
        await self.db.write(
            lambda conn: conn.execute(
                "UPDATE reminder_log SET state = ?, detail = ?, sent_at = ? "
                "WHERE user_id = ? AND kind = ? AND period = ?",
                params,
            )
        )

    async def release_reminder(self, user_id: int, kind: str, period: str) -> None:
        """Give a claim back after a passing failure, so a later run can try again."""
        await self.db.write(
            lambda conn: conn.execute(
                "DELETE FROM reminder_log WHERE user_id = ? AND kind = ? AND period = ? "
                "AND state = 'claimed'",
                (user_id, kind, period),
            )
        )

    async def record_dropped(self, user_id: int, kind: str, period: str, detail: str) -> bool:
        """Note a reminder that fell due too long ago; True the first time only."""
        params = (user_id, kind, period, detail, self._now())
        return await self.db.write(
            lambda conn: (
                conn.execute(
                    "INSERT INTO reminder_log (user_id, kind, period, state, detail, "
                    "claimed_at) VALUES (?, ?, ?, 'skipped', ?, ?) ON CONFLICT DO NOTHING",
                    params,
                ).rowcount
                > 0
            )
        )

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

    async def hold_lease(self, name: str, holder: str, ttl: timedelta) -> bool:
        """Take or renew the lease `name` for `ttl`; False while another holder's runs."""
        now = self._now()
        until = (self.clock.now() + ttl).isoformat(timespec="seconds")

        def hold(conn: sqlite3.Connection) -> bool:
            conn.execute(
                "INSERT INTO leases (name, holder, until) VALUES (?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, until = excluded.until "
                "WHERE leases.holder = excluded.holder OR leases.until <= ?",
                (name, holder, until, now),
            )
            row = conn.execute("SELECT holder FROM leases WHERE name = ?", (name,)).fetchone()
            return row is not None and row[0] == holder

        return await self.db.write(hold)

    async def release_lease(self, name: str, holder: str) -> None:
        """Let another take the lease at once (this process is stopping)."""
        await self.db.write(
            lambda conn: conn.execute(
                "DELETE FROM leases WHERE name = ? AND holder = ?", (name, holder)
            )
        )
