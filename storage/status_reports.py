"""Status reports: saving them once, the latest of each side, history, a year's worth."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from bot.domain.notices import Notice
from bot.domain.people import AuditRecord
from bot.domain.reports import Evidence, NewStatusReport, StatusReport
from storage.audit import write_audit
from storage.base import RepoBase, marks
from storage.outbox import queue_notices

# The table keeps its first name, status_updates; the glossary calls its rows status reports.
_COLUMNS = (
    "s.id, s.item_code, s.department_id, d.party_id, s.user_id, "
    "TRIM(u.first_name || ' ' || COALESCE(u.last_name, '')) AS author, s.status, s.comment, "
    "s.evidence_kind, s.evidence_file_id, s.evidence_name, s.carried_forward, s.created_at, "
    "s.edited_at, s.withdrawn_at"
)
_FROM = (
    "FROM status_updates s JOIN departments d ON d.id = s.department_id "
    "JOIN users u ON u.id = s.user_id"
)
_SELECT = f"SELECT {_COLUMNS} {_FROM}"
_NEWEST_FIRST = "ORDER BY s.created_at DESC, s.id DESC"


def _report(row: sqlite3.Row) -> StatusReport:
    return StatusReport(
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
        withdrawn_at=(datetime.fromisoformat(row["withdrawn_at"]) if row["withdrawn_at"] else None),
    )


def insert_report(
    conn: sqlite3.Connection, report: NewStatusReport, now: str, notices: Sequence[Notice] = ()
) -> tuple[int, bool]:
    """Inside a caller's transaction: the report, once per key, with its notices if new.
    (id, True) if saved; (the existing id, False) for a key seen before; (0, False) for a
    carry whose report is no longer the department's latest."""
    existing = conn.execute(
        "SELECT id FROM status_updates WHERE client_key = ?", (report.key,)
    ).fetchone()
    if existing is not None:
        return int(existing[0]), False
    if report.repeats is not None:
        latest = conn.execute(
            "SELECT id FROM status_updates WHERE item_code = ? AND department_id = ? "
            "AND withdrawn_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1",
            (report.item_code, report.department_id),
        ).fetchone()
        if latest is None or int(latest[0]) != report.repeats:
            return 0, False  # reported since: there is nothing to repeat any more
    evidence = report.evidence
    cursor = conn.execute(
        "INSERT INTO status_updates (item_code, department_id, user_id, status, comment,"
        " evidence_kind, evidence_file_id, evidence_name, carried_forward, created_at,"
        " client_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            report.item_code,
            report.department_id,
            report.user_id,
            report.status.value,
            report.comment,
            evidence.kind if evidence else None,
            evidence.file_id if evidence else None,
            evidence.name if evidence else None,
            int(report.carried_forward),
            now,
            report.key,
        ),
    )
    (report_id,) = cursor.fetchone()
    queue_notices(conn, notices, now)
    return int(report_id), True


class StatusReportQueries(RepoBase):
    async def add_status_report(
        self, report: NewStatusReport, notices: Sequence[Notice] = ()
    ) -> tuple[int, bool]:
        """Save a report once per key: (id, True) if new, (existing id, False) if not.

        Returns only after the commit, so "saved" is never said about something unsaved.
        `notices` are queued in the same transaction, and only if the report is new.
        """
        now = self._now()
        return await self.db.write(lambda conn: insert_report(conn, report, now, notices))

    async def status_report(self, report_id: int) -> StatusReport | None:
        """A standing (not withdrawn) report by its id."""
        row = await self.db.fetchone(
            f"{_SELECT} WHERE s.id = ? AND s.withdrawn_at IS NULL", (report_id,)
        )
        return _report(row) if row else None

    async def latest_by_department(
        self, item_codes: list[str] | None = None
    ) -> dict[tuple[str, str], StatusReport]:
        """(item code, department id) -> that department's latest standing report."""
        items = "SELECT code FROM items"
        params: list[object] = []
        if item_codes is not None:
            if not item_codes:
                return {}
            items += f" WHERE code IN ({marks(item_codes)})"
            params = list(item_codes)
        # The pairs that have a standing report, read off status_updates_latest in its order
        # (not every item with every department: 500 departments, most never on an item),
        # then each pair's latest: one seek in the same index apiece.
        pairs = (
            "SELECT DISTINCT item_code, department_id FROM status_updates "
            f"WHERE withdrawn_at IS NULL AND item_code IN ({items})"
        )
        rows = await self.db.fetchall(
            f"{_SELECT} WHERE s.id IN (SELECT (SELECT x.id FROM status_updates x "
            "WHERE x.item_code = p.item_code AND x.department_id = p.department_id"
            " AND x.withdrawn_at IS NULL ORDER BY x.created_at DESC, x.id DESC LIMIT 1)"
            f" FROM ({pairs}) p)",
            params,
            bulk=item_codes is None,  # every item: an annual report's or /stats' worth of rows
        )
        return {(r.item_code, r.department_id): r for r in map(_report, rows)}

    async def latest_reports(
        self, item_codes: list[str] | None = None
    ) -> dict[str, dict[str, StatusReport]]:
        """item code -> party id -> that side's latest standing report."""
        latest: dict[str, dict[str, StatusReport]] = {}
        for report in (await self.latest_by_department(item_codes)).values():
            sides = latest.setdefault(report.item_code, {})
            known = sides.get(report.party_id)
            if known is None or (report.created_at, report.id) > (known.created_at, known.id):
                sides[report.party_id] = report
        return latest

    async def latest_of_department(self, item_code: str, department_id: str) -> StatusReport | None:
        row = await self.db.fetchone(
            f"{_SELECT} WHERE s.item_code = ? AND s.department_id = ? AND s.withdrawn_at IS NULL"
            f" {_NEWEST_FIRST} LIMIT 1",
            (item_code, department_id),
        )
        return _report(row) if row else None

    async def report_history(
        self, item_code: str, offset: int, limit: int
    ) -> tuple[list[StatusReport], int]:
        """One page of an item's reports, withdrawn ones too, newest first, and how many
        there are: one query (the count is a window over every row, taken before the page
        is cut), unless the page is past the end."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS}, COUNT(*) OVER () AS total {_FROM} "
            f"WHERE s.item_code = ? {_NEWEST_FIRST} LIMIT ? OFFSET ?",
            (item_code, limit, offset),
        )
        if rows:
            return [_report(r) for r in rows], int(rows[0]["total"])
        total = await self.db.fetchone(
            f"SELECT COUNT(*) {_FROM} WHERE s.item_code = ?", (item_code,)
        )
        return [], int(total[0]) if total else 0

    async def edit_status_report(
        self,
        report_id: int,
        user_id: int,
        status: str,
        comment: str,
        evidence: Evidence | None = None,
    ) -> bool:
        """Change the author's own standing report; a file given replaces the one it had.
        It is no longer a "no change". False if it is not theirs or is gone."""
        sets = "status = ?, comment = ?, edited_at = ?, carried_forward = 0"
        params: list[str | None] = [status, comment, self._now()]
        if evidence is not None:
            sets += ", evidence_kind = ?, evidence_file_id = ?, evidence_name = ?"
            params += [evidence.kind, evidence.file_id, evidence.name]
        sql = (
            f"UPDATE status_updates SET {sets} "
            "WHERE id = ? AND user_id = ? AND withdrawn_at IS NULL"
        )
        return await self.db.write(
            lambda conn: conn.execute(sql, (*params, report_id, user_id)).rowcount > 0
        )

    async def withdraw_status_report(
        self, report_id: int, user_id: int, audit: AuditRecord
    ) -> bool:
        """Withdraw the author's own standing report, with its audit entry; False if it is
        not theirs or withdrawn already."""
        now = self._now()

        def withdraw(conn: sqlite3.Connection) -> bool:
            # its key is set free: a "no change" for the quarter may be recorded again
            withdrawn = conn.execute(
                "UPDATE status_updates SET withdrawn_at = ?, "
                "client_key = client_key || ':withdrawn:' || id "
                "WHERE id = ? AND user_id = ? AND withdrawn_at IS NULL",
                (now, report_id, user_id),
            ).rowcount
            if withdrawn:
                write_audit(conn, audit, now)
            return withdrawn > 0

        return await self.db.write(withdraw)

    async def reports_between(
        self, start: datetime, end: datetime, *, withdrawn: bool = False
    ) -> list[StatusReport]:
        """Standing reports made in [start, end), oldest first; withdrawn ones too if asked."""
        standing = "" if withdrawn else "s.withdrawn_at IS NULL AND "
        rows = await self.db.fetchall(
            f"{_SELECT} WHERE {standing}s.created_at >= ? AND s.created_at < ?"
            " ORDER BY s.created_at, s.id",
            (start.isoformat(timespec="seconds"), end.isoformat(timespec="seconds")),
            bulk=True,
        )
        return [_report(r) for r in rows]

    async def latest_before(self, end: datetime) -> dict[tuple[str, str], StatusReport]:
        """(item code, department id) -> its latest standing report made before `end`: the
        status at a year's end, for a year gone by as for this one."""
        rows = await self.db.fetchall(
            f"SELECT * FROM (SELECT {_COLUMNS}, ROW_NUMBER() OVER (PARTITION BY s.item_code,"
            f" s.department_id ORDER BY s.created_at DESC, s.id DESC) AS n {_FROM}"
            " WHERE s.withdrawn_at IS NULL AND s.created_at < ?) AS ranked WHERE n = 1",
            (end.isoformat(timespec="seconds"),),
            bulk=True,
        )
        return {(r["item_code"], r["department_id"]): _report(r) for r in rows}

    async def report_moments(self, since: datetime) -> list[tuple[str, str, datetime]]:
        """(item, department, when) of every standing report since a moment."""
        rows = await self.db.fetchall(
            "SELECT item_code, department_id, created_at FROM status_updates "
            "WHERE withdrawn_at IS NULL AND created_at >= ?",
            (since.isoformat(timespec="seconds"),),
            bulk=True,
        )
        return [(r[0], r[1], datetime.fromisoformat(r[2])) for r in rows]

    async def seed_reports(self, rows: list[tuple[str, str, int, str, str, str]]) -> None:
        """Bulk-load reports (item, department, user, status, comment, created_at ISO):
        for benchmarks and imports of past reports."""
        await self.db.write(
            lambda conn: conn.executemany(
                "INSERT INTO status_updates (item_code, department_id, user_id, status, comment,"
                " created_at, client_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(*row, f"seed:{n}") for n, row in enumerate(rows)],
            )
        )
