"""The roadmap's tables, kept in line with the roadmap the bot serves."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from bot.domain.roadmap import Roadmap
from storage.base import RepoBase

_SYNCED = ("parties", "sections", "departments", "items")
_COLUMNS: dict[str, tuple[str, ...]] = {
    "parties": ("id", "name", "timezone", "position"),
    "sections": ("code", "title", "position"),
    "departments": ("id", "party_id", "name", "position"),
    "items": ("code", "section_code", "title", "term", "position"),
}


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


class RoadmapQueries(RepoBase):
    async def sync_roadmap(self, roadmap: Roadmap) -> SyncResult:
        """Bring the roadmap tables in line with `roadmap`; history is never deleted.

        Rows missing from the new roadmap are marked inactive, so reports made on a
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
        result = SyncResult(changed=True)
        async with self.db.transaction() as conn:
            for table in _SYNCED:
                key, *rest = _COLUMNS[table]
                async with conn.execute(f"SELECT {key} FROM {table}") as cursor:
                    existing = {r[0] for r in await cursor.fetchall()}
                wanted = {r[0] for r in rows[table]}
                result.added[table] = len(wanted - existing)
                updates = ", ".join(f"{c} = excluded.{c}" for c in rest)
                await conn.executemany(
                    f"INSERT INTO {table} ({', '.join(_COLUMNS[table])}, active) "
                    f"VALUES ({', '.join('?' * len(_COLUMNS[table]))}, 1) "
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
                "period": json.dumps({"start": roadmap.years.start, "end": roadmap.years.end}),
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
