"""Dialog state (aiogram's FSM) in the database, so a dialog survives a restart."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta

from storage.base import RepoBase


class DialogQueries(RepoBase):
    async def fsm_get(self, key: str) -> tuple[str | None, dict]:
        row = await self.db.fetchone("SELECT state, data FROM fsm_state WHERE key = ?", (key,))
        if row is None:
            return None, {}
        return row["state"], json.loads(row["data"])

    async def fsm_set_state(self, key: str, state: str | None) -> None:
        await self._fsm_upsert(key, "state", state)

    async def fsm_set_data(self, key: str, data: dict) -> None:
        await self._fsm_upsert(key, "data", json.dumps(data, ensure_ascii=False))

    async def _fsm_upsert(self, key: str, column: str, value: str | None) -> None:
        now = self._now()

        def upsert(conn: sqlite3.Connection) -> None:
            conn.execute(
                f"INSERT INTO fsm_state (key, {column}, updated_at) VALUES (?, ?, ?) "
                f"ON CONFLICT(key) DO UPDATE SET {column} = excluded.{column}, "
                "updated_at = excluded.updated_at",
                (key, value, now),
            )
            conn.execute(
                "DELETE FROM fsm_state WHERE key = ? AND state IS NULL AND data = '{}'", (key,)
            )

        await self.db.write(upsert)

    async def forget_dialogs(self, older_than: timedelta) -> int:
        """Drop dialogs left untouched this long (a report begun and never finished)."""
        cutoff = (self.clock.now() - older_than).isoformat(timespec="seconds")
        return await self.db.write(
            lambda conn: int(
                conn.execute("DELETE FROM fsm_state WHERE updated_at < ?", (cutoff,)).rowcount
            )
        )
