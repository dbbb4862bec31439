"""Named queries over the bot's database: the only place that knows its tables."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import timedelta

from bot.roadmap import Roadmap
from storage.base import RepoBase
from storage.outbox import OutboxQueries
from storage.people import PeopleQueries
from storage.reminders import ReminderQueries
from storage.updates import UpdateQueries


@dataclass(slots=True)
class SyncResult:
    changed: bool
    added: dict[str, int] = field(default_factory=dict)
    retired: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        if not self.changed:
            return "roadmap unchanged"
        parts = [f"{kind} +{n}" for kind, n in self.added.items() if n]
        parts += [f"{kind} retired {n}" for kind, n in self.retired.items() if n]
        return "roadmap synced" + (f" ({', '.join(parts)})" if parts else "")


@dataclass(frozen=True, slots=True)
class UserProfile:
    id: int
    first_name: str
    language: str | None
    telegram_language: str | None
    timezone: str | None


_SYNCED = ("parties", "sections", "departments", "items")


class Repository(PeopleQueries, UpdateQueries, ReminderQueries, OutboxQueries, RepoBase):
    """All named queries; grouped by subject in people.py, updates.py, reminders.py and
    outbox.py."""

    # --- roadmap -------------------------------------------------------------------------

    async def sync_roadmap(self, roadmap: Roadmap) -> SyncResult:
        """Bring the roadmap tables in line with `roadmap`; history is never deleted.

        Rows missing from the new roadmap are marked inactive, so updates reported on a
        retired item or by a retired department stay in the database and in reports.
        """
        digest = hashlib.sha256(roadmap.to_json().encode()).hexdigest()
        row = await self.db.fetchone("SELECT value FROM roadmap_meta WHERE key = 'hash'")
        if row is not None and row["value"] == digest:
            return SyncResult(changed=False)
        rows: dict[str, list[tuple[object, ...]]] = {
            "parties": [(p.id, p.name, p.timezone, n) for n, p in enumerate(roadmap.parties)],
            "sections": [(s.code, s.title, n) for n, s in enumerate(roadmap.sections)],
            "departments": [(d.id, d.party, d.name, n) for n, d in enumerate(roadmap.departments)],
            "items": [(i.code, i.section, i.title, i.term, n) for n, i in enumerate(roadmap.items)],
        }
        columns: dict[str, tuple[str, ...]] = {
            "parties": ("id", "name", "timezone", "position"),
            "sections": ("code", "title", "position"),
            "departments": ("id", "party_id", "name", "position"),
            "items": ("code", "section_code", "title", "term", "position"),
        }
        result = SyncResult(changed=True)
        async with self.db.transaction() as conn:
            for table in _SYNCED:
                key, *rest = columns[table]
                async with conn.execute(f"SELECT {key} FROM {table}") as cursor:
                    existing = {r[0] for r in await cursor.fetchall()}
                wanted = {r[0] for r in rows[table]}
                result.added[table] = len(wanted - existing)
                updates = ", ".join(f"{c} = excluded.{c}" for c in rest)
                await conn.executemany(
                    f"INSERT INTO {table} ({', '.join(columns[table])}, active) "
                    f"VALUES ({', '.join('?' * len(columns[table]))}, 1) "
                    f"ON CONFLICT({key}) DO UPDATE SET {updates}, active = 1",
                    rows[table],
                )
                retired = existing - wanted
                result.retired[table] = len(retired)
                await conn.executemany(
                    f"UPDATE {table} SET active = 0 WHERE {key} = ?", [(k,) for k in retired]
                )
            await conn.execute("DELETE FROM item_executors")
            await conn.executemany(
                "INSERT INTO item_executors (item_code, department_id, position) VALUES (?, ?, ?)",
                [
                    (item.code, dep, n)
                    for item in roadmap.items
                    for n, dep in enumerate(item.departments())
                ],
            )
            meta = {
                "hash": digest,
                "title": roadmap.title,
                "period": json.dumps({"start": roadmap.period.start, "end": roadmap.period.end}),
                "synced_at": self._now(),
            }
            await conn.executemany(
                "INSERT INTO roadmap_meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                list(meta.items()),
            )
        return result

    async def roadmap_counts(self) -> dict[str, int]:
        """Active rows of each roadmap table (a start-up and test check)."""
        counts = {}
        for table in _SYNCED:
            row = await self.db.fetchone(f"SELECT COUNT(*) FROM {table} WHERE active = 1")
            counts[table] = int(row[0]) if row else 0
        return counts

    async def item_executors(self, item_code: str) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT department_id FROM item_executors WHERE item_code = ? ORDER BY position",
            (item_code,),
        )
        return [r[0] for r in rows]

    # --- users ---------------------------------------------------------------------------

    async def touch_user(
        self,
        user_id: int,
        first_name: str,
        last_name: str | None,
        username: str | None,
        telegram_language: str | None,
    ) -> UserProfile:
        """Record (or refresh) a Telegram user and return their stored profile.

        Most updates come from known users whose names did not change: those cost one read.
        """
        known = await self.db.fetchone(
            "SELECT id, first_name, last_name, username, language, telegram_language, timezone,"
            " unreachable_since FROM users WHERE id = ?",
            (user_id,),
        )
        if known is None or (
            known["first_name"],
            known["last_name"],
            known["username"],
            known["telegram_language"],
            known["unreachable_since"],
        ) != (first_name, last_name, username, telegram_language, None):
            now = self._now()
            row = (user_id, first_name, last_name, username, telegram_language, now, now)
            await self.db.write(
                lambda conn: conn.execute(
                    "INSERT INTO users (id, first_name, last_name, username, telegram_language,"
                    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT(id) DO UPDATE SET first_name = excluded.first_name, "
                    "last_name = excluded.last_name, username = excluded.username, "
                    "telegram_language = excluded.telegram_language, "
                    "unreachable_since = NULL, updated_at = excluded.updated_at",
                    row,
                )
            )
        language = known["language"] if known else None
        timezone = known["timezone"] if known else None
        return UserProfile(user_id, first_name, language, telegram_language, timezone)

    # --- processed updates ---------------------------------------------------------------

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
            "SELECT update_id FROM processed_updates WHERE update_id IN "
            f"({','.join('?' * len(update_ids))})",
            update_ids,
        )
        return {row[0] for row in rows}

    async def mark_updates_processed(self, update_ids: list[int]) -> None:
        rows = [(update_id, self._now()) for update_id in update_ids]
        await self.db.write(
            lambda conn: conn.executemany(
                "INSERT OR IGNORE INTO processed_updates (update_id, processed_at) VALUES (?, ?)",
                rows,
            )
        )

    async def forget_processed_updates(self, older_than: timedelta) -> int:
        """Drop ids old enough that Telegram can no longer redeliver them."""
        cutoff = (self.clock.now() - older_than).isoformat(timespec="seconds")
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM processed_updates WHERE processed_at < ?", (cutoff,)
            )
            return cursor.rowcount

    # --- dialog state (aiogram FSM) ------------------------------------------------------

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
