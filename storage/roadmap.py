"""The roadmap's tables, kept in line with the roadmap the bot serves."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field

from bot.domain.catalog import Catalog
from bot.domain.roadmap import Item, Roadmap
from bot.services.ports import StoredRoadmap
from storage.base import RepoBase

_SYNCED = ("parties", "sections", "departments", "items")
_COLUMNS: dict[str, tuple[str, ...]] = {
    "parties": ("id", "name", "timezone", "position"),
    "sections": ("code", "title", "position", "roadmap_no"),
    "departments": ("id", "party_id", "name", "position"),
    "items": ("code", "section_code", "title", "term", "position", "roadmap_no", "number"),
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
    async def sync_roadmap(self, roadmap: Roadmap | Catalog) -> SyncResult:
        """Bring the roadmap tables in line with `roadmap` (every roadmap of a catalog);
        history is never deleted.

        Rows missing from the new roadmap are marked inactive, so reports made on a
        retired item or by a retired department stay in the database and in reports.
        """
        if isinstance(roadmap, Catalog):
            roadmap = roadmap.merged
        rows: dict[str, list[tuple[object, ...]]] = {
            "parties": [(p.id, p.name, p.timezone, n) for n, p in enumerate(roadmap.parties)],
            "sections": [
                (s.code, s.title, n, _roadmap_no(s.code)) for n, s in enumerate(roadmap.sections)
            ],
            "departments": [(d.id, d.party, d.name, n) for n, d in enumerate(roadmap.departments)],
            "items": [
                (i.code, i.section, i.title, i.term, n, i.roadmap, i.label)
                for n, i in enumerate(roadmap.items)
            ],
        }
        executors = [
            (item.code, dep, n)
            for item in roadmap.items
            for n, dep in enumerate(item.departments())
        ]
        period = json.dumps({"start": roadmap.years.start, "end": roadmap.years.end})
        # of exactly what is written below: a start or a load with 50 roadmaps stored hashes
        # these plain rows, not the merged roadmap's whole JSON document
        digest = hashlib.sha256(repr((rows, executors, roadmap.title, period)).encode()).hexdigest()
        row = await self.db.fetchone("SELECT value FROM roadmap_meta WHERE key = 'hash'")
        if row is not None and row["value"] == digest:
            return SyncResult(changed=False)
        meta = {"hash": digest, "title": roadmap.title, "period": period, "synced_at": self._now()}

        def sync(conn: sqlite3.Connection) -> SyncResult:
            result = SyncResult(changed=True)
            for table in _SYNCED:
                key, *rest = _COLUMNS[table]
                existing = {r[0] for r in conn.execute(f"SELECT {key} FROM {table}").fetchall()}
                wanted = {r[0] for r in rows[table]}
                result.added[table] = len(wanted - existing)
                updates = ", ".join(f"{c} = excluded.{c}" for c in rest)
                conn.executemany(
                    f"INSERT INTO {table} ({', '.join(_COLUMNS[table])}, active) "
                    f"VALUES ({', '.join('?' * len(_COLUMNS[table]))}, 1) "
                    f"ON CONFLICT({key}) DO UPDATE SET {updates}, active = 1",
                    rows[table],
                )
                retired = existing - wanted
                result.retired[table] = len(retired)
                conn.executemany(
                    f"UPDATE {table} SET active = 0 WHERE {key} = ?", [(k,) for k in retired]
                )
            conn.execute("DELETE FROM item_executors")
            conn.executemany(
                "INSERT INTO item_executors (item_code, department_id, position) VALUES (?, ?, ?)",
                executors,
            )
            conn.executemany(
                "INSERT INTO roadmap_meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                list(meta.items()),
            )
            return result

        return await self.db.write(sync)

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

    # -- the roadmaps themselves -----------------------------------------------------------

    async def stored_roadmaps(self) -> list[StoredRoadmap]:
        rows = await self.db.fetchall(
            "SELECT number, document, retired, active_until, source, digest, loaded_at, "
            "loaded_by FROM roadmaps ORDER BY number"
        )
        return [
            StoredRoadmap(
                number=r["number"],
                roadmap=Roadmap.from_dict(json.loads(r["document"])),
                retired=tuple(_item(raw) for raw in json.loads(r["retired"])),
                active_until=r["active_until"],
                source=r["source"],
                digest=r["digest"],
                loaded_at=r["loaded_at"],
                loaded_by=r["loaded_by"],
            )
            for r in rows
        ]

    async def store_roadmap(
        self,
        number: int,
        roadmap: Roadmap,
        *,
        retired: tuple[Item, ...] = (),
        source: str,
        loaded_by: int | None = None,
        replacing: str | None = None,
        active_until: int | None = None,
    ) -> bool:
        """Save roadmap `number` as `roadmap`. A new number is inserted; an existing one is
        replaced only while its digest is still `replacing` (what the admin saw), so of two
        editions confirmed at once one wins and the other changes nothing. False if lost."""
        document = roadmap.to_json()
        digest = roadmap_digest(roadmap)
        retired_json = json.dumps([_item_dict(item) for item in retired], ensure_ascii=False)

        def work(conn: sqlite3.Connection) -> bool:
            row = conn.execute("SELECT digest FROM roadmaps WHERE number = ?", (number,)).fetchone()
            if row is None:
                if replacing is not None:
                    return False
                conn.execute(
                    "INSERT INTO roadmaps (number, document, retired, active_until, source, "
                    "digest, loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (number, document, retired_json, active_until, source, digest, now, loaded_by),
                )
                return True
            if replacing is None or row[0] != replacing:
                return False
            conn.execute(
                "UPDATE roadmaps SET document = ?, retired = ?, source = ?, digest = ?, "
                "loaded_at = ?, loaded_by = ? WHERE number = ?",
                (document, retired_json, source, digest, now, loaded_by, number),
            )
            return True

        now = self._now()
        return await self.db.write(work)

    async def roadmaps_fingerprint(self) -> str:
        """Changes whenever a roadmap, its extension or its office changes (by this process
        or another one on the same database)."""
        roadmaps = await self.db.fetchall(
            "SELECT number, digest, active_until FROM roadmaps ORDER BY number"
        )
        offices = await self.db.fetchall(
            "SELECT roadmap_no, user_id FROM roadmap_offices ORDER BY roadmap_no, user_id"
        )
        return repr(([tuple(r) for r in roadmaps], [tuple(r) for r in offices]))

    async def set_active_until(self, number: int, year: int | None) -> None:
        await self.db.write(
            lambda conn: conn.execute(
                "UPDATE roadmaps SET active_until = ? WHERE number = ?", (year, number)
            )
        )

    async def office_roadmaps(self, user_id: int) -> list[int]:
        rows = await self.db.fetchall(
            "SELECT roadmap_no FROM roadmap_offices WHERE user_id = ? ORDER BY roadmap_no",
            (user_id,),
        )
        return [r[0] for r in rows]

    async def office_members(self, number: int) -> list[int]:
        rows = await self.db.fetchall(
            "SELECT user_id FROM roadmap_offices WHERE roadmap_no = ? ORDER BY added_at",
            (number,),
        )
        return [r[0] for r in rows]

    async def all_office_members(self) -> dict[int, list[int]]:
        rows = await self.db.fetchall(
            "SELECT roadmap_no, user_id FROM roadmap_offices ORDER BY roadmap_no, added_at"
        )
        found: dict[int, list[int]] = {}
        for r in rows:
            found.setdefault(r[0], []).append(r[1])
        return found

    async def add_office_member(self, number: int, user_id: int, added_by: int) -> bool:
        """False if they already were one."""
        now = self._now()
        return await self.db.write(
            lambda conn: (
                conn.execute(
                    "INSERT INTO roadmap_offices (roadmap_no, user_id, added_by, added_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (number, user_id, added_by, now),
                ).rowcount
                > 0
            )
        )

    async def remove_office_member(self, number: int, user_id: int) -> bool:
        return await self.db.write(
            lambda conn: (
                conn.execute(
                    "DELETE FROM roadmap_offices WHERE roadmap_no = ? AND user_id = ?",
                    (number, user_id),
                ).rowcount
                > 0
            )
        )


def roadmap_digest(roadmap: Roadmap) -> str:
    return hashlib.sha256(roadmap.to_json().encode()).hexdigest()


def _roadmap_no(key: str) -> int:
    number, sep, _ = key.partition("/")
    return int(number) if sep else 1


def _item_dict(item: Item) -> dict[str, object]:
    return {
        "code": item.label,
        "section": item.section.rpartition("/")[2],
        "title": item.title,
        "term": item.term,
        "executors": item.executors,
    }


def _item(raw: dict[str, object]) -> Item:
    return Item(
        str(raw["code"]),
        str(raw["section"]),
        str(raw["title"]),
        str(raw["term"]),
        {str(k): list(v) for k, v in raw["executors"].items()},  # type: ignore[attr-defined]
    )
