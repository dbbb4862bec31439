"""The Telegram updates the bot has handled, so a redelivered one is handled only once."""

from __future__ import annotations

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

    async def mark_updates_processed(self, update_ids: list[int]) -> None:
        now = self._now()
        rows = [(update_id, now) for update_id in update_ids]
        await self.db.write(
            lambda conn: conn.executemany(
                "INSERT OR IGNORE INTO processed_updates (update_id, processed_at) VALUES (?, ?)",
                rows,
            )
        )

    async def forget_processed_updates(self, older_than: timedelta) -> int:
        """Drop ids old enough that Telegram can no longer redeliver them."""
        cutoff = (self.clock.now() - older_than).isoformat(timespec="seconds")
        return await self.db.write(
            lambda conn: (
                conn.execute(
                    "DELETE FROM processed_updates WHERE processed_at < ?", (cutoff,)
                ).rowcount
            )
        )
