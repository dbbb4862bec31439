"""The Telegram updates the bot has handled, so a redelivered one is handled only once; and
the inbox of those confirmed to Telegram while still being handled."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from storage.base import RepoBase, marks


class TelegramUpdateQueries(RepoBase):
    async def is_update_processed(self, update_id: int) -> bool:
        row = await self.db.fetchone(
            "SELECT 1 FROM processed_updates WHERE update_id = ?", (update_id,)
        )
        return row is not None

    async def processed_among(self, update_ids: list[int]) -> set[int]:
        """Those of these updates that were handled before."""
        if not update_ids:
            return set()
        rows = await self.db.fetchall(
            f"SELECT update_id FROM processed_updates WHERE update_id IN ({marks(update_ids)})",
            update_ids,
        )
        return {row[0] for row in rows}

    async def claim_update(self, update_id: int, lease: timedelta) -> bool:
        """Claim an update before handling it; False if it was handled, or is being handled
        now (by this process or another), unless that claim is older than `lease`: its
        process died mid-way, and Telegram's retry is handled here instead."""
        now = self._now()
        cutoff = (self.clock.now() - lease).isoformat(timespec="seconds")
        return await self.db.write(
            lambda conn: (
                conn.execute(
                    "INSERT INTO processed_updates (update_id, processed_at, done) "
                    "VALUES (?, ?, 0) "
                    "ON CONFLICT(update_id) DO UPDATE SET processed_at = excluded.processed_at "
                    "WHERE processed_updates.done = 0 AND processed_updates.processed_at < ?",
                    (update_id, now, cutoff),
                ).rowcount
                > 0
            )
        )

    async def renew_update_claim(self, update_id: int) -> None:
        """This process still handles the update: its claim runs for another lease."""
        params = (self._now(), update_id)
        await self.db.write(
            lambda conn: conn.execute(
                "UPDATE processed_updates SET processed_at = ? WHERE update_id = ? AND done = 0",
                params,
            )
        )

    async def is_update_done(self, update_id: int) -> bool:
        """Handled to the end (not merely claimed)."""
        row = await self.db.fetchone(
            "SELECT 1 FROM processed_updates WHERE update_id = ? AND done = 1", (update_id,)
        )
        return row is not None

    async def mark_updates_processed(
        self, update_ids: list[int], from_inbox: list[int] | None = None
    ) -> None:
        """Record updates as handled; those `from_inbox` also leave the inbox, in the same
        transaction."""
        now = self._now()
        rows = [(update_id, now) for update_id in [*update_ids, *(from_inbox or [])]]
        kept = [(update_id,) for update_id in from_inbox or []]

        def mark(conn: sqlite3.Connection) -> None:
            conn.executemany(
                "INSERT INTO processed_updates (update_id, processed_at) VALUES (?, ?) "
                "ON CONFLICT(update_id) DO UPDATE SET done = 1 WHERE processed_updates.done = 0",
                rows,
            )
            if kept:
                conn.executemany("DELETE FROM inbox WHERE update_id = ?", kept)

        await self.db.write(mark)

    async def keep_in_inbox(self, updates: list[tuple[int, str]]) -> None:
        """(update id, JSON) of updates about to be confirmed to Telegram before they are
        handled; handled again after a crash until they are marked processed."""
        now = self._now()
        rows = [(update_id, payload, now) for update_id, payload in updates]
        await self.db.write(
            lambda conn: conn.executemany(
                "INSERT INTO inbox (update_id, payload, received_at) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                rows,
            )
        )

    async def inbox(self) -> list[tuple[int, str]]:
        """The kept updates not handled yet, oldest first."""
        rows = await self.db.fetchall(
            "SELECT update_id, payload FROM inbox WHERE update_id NOT IN "
            "(SELECT update_id FROM processed_updates) ORDER BY update_id",
            bulk=True,
        )
        return [(r[0], r[1]) for r in rows]

    async def forget_processed_updates(self, older_than: timedelta) -> int:
        """Drop ids old enough that Telegram can no longer redeliver them, and inbox rows of
        updates handled since they were kept."""
        cutoff = (self.clock.now() - older_than).isoformat(timespec="seconds")

        def forget(conn: sqlite3.Connection) -> int:
            conn.execute(
                "DELETE FROM inbox WHERE update_id IN (SELECT update_id FROM processed_updates)"
            )
            return int(
                conn.execute(
                    "DELETE FROM processed_updates WHERE processed_at < ?", (cutoff,)
                ).rowcount
            )

        return await self.db.write(forget)

    async def forget_updates_below(self, update_id: int) -> int:
        """Drop handled ids below one Telegram was told of (the polling offset): Telegram
        never sends those again."""
        return await self.db.write(
            lambda conn: int(
                conn.execute(
                    "DELETE FROM processed_updates WHERE update_id < ?", (update_id,)
                ).rowcount
            )
        )

    async def bookkeeping_counts(self) -> dict[str, int]:
        """Rows of the tables that grow with traffic (a soak check)."""
        counts = {}
        for table in ("processed_updates", "inbox", "outbox", "fsm_state", "reminder_log"):
            row = await self.db.fetchone(f"SELECT COUNT(*) FROM {table}")
            counts[table] = int(row[0]) if row else 0
        return counts
