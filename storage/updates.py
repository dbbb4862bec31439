"""Queries about reported progress: status updates, latest statuses, history."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from storage.base import RepoBase
from storage.outbox import Notice, queue_notices


@dataclass(frozen=True, slots=True)
class StatusUpdate:
    id: int
    item_code: str
    department_id: str
    party_id: str
    user_id: int
    author: str
    status: str
    comment: str
    evidence_kind: str | None
    evidence_file_id: str | None
    evidence_name: str | None
    carried_forward: bool
    created_at: datetime
    edited_at: datetime | None


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: str  # document or photo
    file_id: str
    name: str | None = None


_COLUMNS = (
    "s.id, s.item_code, s.department_id, d.party_id, s.user_id, "
    "TRIM(u.first_name || ' ' || COALESCE(u.last_name, '')) AS author, s.status, s.comment, "
    "s.evidence_kind, s.evidence_file_id, s.evidence_name, s.carried_forward, s.created_at, "
    "s.edited_at"
)
_FROM = (
    "FROM status_updates s JOIN departments d ON d.id = s.department_id "
    "JOIN users u ON u.id = s.user_id"
)
_SELECT = f"SELECT {_COLUMNS} {_FROM}"
_NEWEST_FIRST = "ORDER BY s.created_at DESC, s.id DESC"


def _update(row) -> StatusUpdate:
    return StatusUpdate(
        id=row["id"],
        item_code=row["item_code"],
        department_id=row["department_id"],
        party_id=row["party_id"],
        user_id=row["user_id"],
        author=row["author"],
        status=row["status"],
        comment=row["comment"],
        evidence_kind=row["evidence_kind"],
        evidence_file_id=row["evidence_file_id"],
        evidence_name=row["evidence_name"],
        carried_forward=bool(row["carried_forward"]),
        created_at=datetime.fromisoformat(row["created_at"]),
        edited_at=datetime.fromisoformat(row["edited_at"]) if row["edited_at"] else None,
    )


class UpdateQueries(RepoBase):
    async def add_update(
        self,
        *,
        item_code: str,
        department_id: str,
        user_id: int,
        status: str,
        comment: str,
        client_key: str,
        evidence: Evidence | None = None,
        carried_forward: bool = False,
        notices: Sequence[Notice] = (),
    ) -> tuple[int, bool]:
        """Save an update once per client_key: (id, True) if new, (existing id, False) if not.

        Returns only after the commit, so "saved" is never said about something unsaved.
        `notices` are queued in the same transaction, and only if the update is new.
        """
        now = self._now()
        row = (
            item_code,
            department_id,
            user_id,
            status,
            comment,
            evidence.kind if evidence else None,
            evidence.file_id if evidence else None,
            evidence.name if evidence else None,
            int(carried_forward),
            now,
            client_key,
        )

        def save(conn: sqlite3.Connection) -> tuple[int, bool]:
            existing = conn.execute(
                "SELECT id FROM status_updates WHERE client_key = ?", (client_key,)
            ).fetchone()
            if existing is not None:
                return int(existing[0]), False
            cursor = conn.execute(
                "INSERT INTO status_updates (item_code, department_id, user_id, status, comment,"
                " evidence_kind, evidence_file_id, evidence_name, carried_forward, created_at,"
                " client_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            queue_notices(conn, notices, now)
            return int(cursor.lastrowid or 0), True

        return await self.db.write(save)

    async def update_by_id(self, update_id: int) -> StatusUpdate | None:
        row = await self.db.fetchone(
            f"{_SELECT} WHERE s.id = ? AND s.withdrawn_at IS NULL", (update_id,)
        )
        return _update(row) if row else None

    async def latest_updates(
        self, item_codes: list[str] | None = None
    ) -> dict[str, dict[str, StatusUpdate]]:
        """item code -> party id -> that side's latest standing update."""
        items = "SELECT code FROM items"
        params: list[object] = []
        if item_codes is not None:
            if not item_codes:
                return {}
            items += f" WHERE code IN ({','.join('?' * len(item_codes))})"
            params = list(item_codes)
        # each department's latest on each item: one seek in status_updates_latest apiece
        rows = await self.db.fetchall(
            f"{_SELECT} WHERE s.id IN (SELECT (SELECT x.id FROM status_updates x "
            "WHERE x.item_code = i.code AND x.department_id = dd.id AND x.withdrawn_at IS NULL "
            f"ORDER BY x.created_at DESC, x.id DESC LIMIT 1) FROM ({items}) i, departments dd)",
            params,
            bulk=item_codes is None,  # every item: a report's or /stats' worth of rows
        )
        latest: dict[str, dict[str, StatusUpdate]] = {}
        for row in rows:
            update = _update(row)
            sides = latest.setdefault(update.item_code, {})
            known = sides.get(update.party_id)
            if known is None or (update.created_at, update.id) > (known.created_at, known.id):
                sides[update.party_id] = update
        return latest

    async def latest_of_department(self, item_code: str, department_id: str) -> StatusUpdate | None:
        row = await self.db.fetchone(
            f"{_SELECT} WHERE s.item_code = ? AND s.department_id = ? AND s.withdrawn_at IS NULL"
            f" {_NEWEST_FIRST} LIMIT 1",
            (item_code, department_id),
        )
        return _update(row) if row else None

    async def history(
        self, item_code: str, offset: int, limit: int
    ) -> tuple[list[StatusUpdate], int]:
        """One page of an item's standing updates, newest first, and how many there are."""
        total = await self.db.fetchone(
            "SELECT COUNT(*) FROM status_updates WHERE item_code = ? AND withdrawn_at IS NULL",
            (item_code,),
        )
        rows = await self.db.fetchall(
            f"{_SELECT} WHERE s.item_code = ? AND s.withdrawn_at IS NULL "
            f"{_NEWEST_FIRST} LIMIT ? OFFSET ?",
            (item_code, limit, offset),
        )
        return [_update(r) for r in rows], int(total[0]) if total else 0

    async def edit_update(self, update_id: int, user_id: int, status: str, comment: str) -> bool:
        """Change the author's own standing update; False if it is not theirs or is gone."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE status_updates SET status = ?, comment = ?, edited_at = ? "
                "WHERE id = ? AND user_id = ? AND withdrawn_at IS NULL",
                (status, comment, self._now(), update_id, user_id),
            )
            return cursor.rowcount > 0

    async def withdraw_update(self, update_id: int, user_id: int) -> bool:
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE status_updates SET withdrawn_at = ? "
                "WHERE id = ? AND user_id = ? AND withdrawn_at IS NULL",
                (self._now(), update_id, user_id),
            )
            return cursor.rowcount > 0

    async def updates_between(self, start: datetime, end: datetime) -> list[StatusUpdate]:
        """Standing updates made in [start, end), oldest first."""
        rows = await self.db.fetchall(
            f"{_SELECT} WHERE s.withdrawn_at IS NULL AND s.created_at >= ? AND s.created_at < ?"
            " ORDER BY s.created_at, s.id",
            (start.isoformat(timespec="seconds"), end.isoformat(timespec="seconds")),
            bulk=True,
        )
        return [_update(r) for r in rows]

    async def seed_updates(self, rows: list[tuple[str, str, int, str, str, str]]) -> None:
        """Bulk-load updates (item, department, user, status, comment, created_at ISO):
        for benchmarks and imports of past reports."""
        async with self.db.transaction() as conn:
            await conn.executemany(
                "INSERT INTO status_updates (item_code, department_id, user_id, status, comment,"
                " created_at, client_key) VALUES (?, ?, ?, ?, ?, ?, 'seed:' || ?)",
                [(*row, n) for n, row in enumerate(rows)],
            )
