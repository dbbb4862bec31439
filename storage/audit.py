"""The audit log: who changed what, written in the same transaction as the change."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from bot.domain.audit import CHANGE_ACTIONS, CHANGE_FAMILIES, WITHDRAWAL
from bot.domain.people import AuditEntry, AuditRecord
from storage.base import RepoBase, marks

_COLUMNS = "a.actor_id, a.action, a.subject_id, a.details, a.created_at"
# the changes the office reads; office views are recorded but not among them
_CHANGES = " OR ".join(
    [f"a.action IN ({marks(CHANGE_ACTIONS)})"]
    + ["substr(a.action, 1, ?) = ?"] * len(CHANGE_FAMILIES)  # begins with the family's name
)
_CHANGE_PARAMS = [
    *CHANGE_ACTIONS,
    *(value for family in CHANGE_FAMILIES for value in (len(family), family)),
]
# the details as words between spaces: "2021 4.1 spb-9cdf3d" holds " spb-9cdf3d "
_WORDS = (
    "(' ' || replace(replace(replace(replace(a.details, ':', ' '), ',', ' '), ';', ' '),"
    " '#', ' ') || ' ')"
)
# a withdrawal names its report ("4.1 #12"): the department is the report's
_WITHDRAWN_FROM = (
    f"(a.action = '{WITHDRAWAL}' AND instr(a.details, '#') > 0 AND EXISTS ("
    "SELECT 1 FROM status_updates s"
    " WHERE s.id = CAST(substr(a.details, instr(a.details, '#') + 1) AS BIGINT)"
    " AND s.department_id IN ({})))"
)


def write_audit(conn: sqlite3.Connection, record: AuditRecord, now: str) -> None:
    """Inside the caller's transaction: the change and its record are saved together or not
    at all."""
    conn.execute(
        "INSERT INTO audit_log (actor_id, action, subject_id, details, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (record.actor_id, record.action, record.subject_id, record.details, now),
    )


class AuditQueries(RepoBase):
    async def audit(self, record: AuditRecord) -> None:
        now = self._now()
        await self.db.write(lambda conn: write_audit(conn, record, now))

    async def recent_audit(self, limit: int = 20) -> list[AuditEntry]:
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM audit_log a ORDER BY a.created_at DESC, a.id DESC LIMIT ?",
            (limit,),
        )
        return [_entry(r) for r in rows]

    async def audit_changes(
        self,
        departments: Sequence[str] = (),
        people: Sequence[int] = (),
        offset: int = 0,
        limit: int = 20,
        items: Sequence[str] = (),
        within: Sequence[str] | None = None,
    ) -> tuple[list[AuditEntry], int]:
        """The changes, newest first, and how many there are in all; with departments,
        people or activity codes, only those that concern one of them (any); `within`: of
        those, only the ones that concern one of these departments (a roadmap's office)."""
        if within is not None and not within:
            return [], 0
        where, params = _changes_about(departments, people, items)
        if within is not None:
            inside, more = _changes_about(within, (), ())
            where, params = f"{where} AND {inside}", [*params, *more]
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS}, COUNT(*) OVER () AS total FROM audit_log a WHERE {where} "
            "ORDER BY a.created_at DESC, a.id DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        if rows:
            return [_entry(r) for r in rows], rows[0]["total"]
        if offset == 0:
            return [], 0
        counted = await self.db.fetchone(f"SELECT COUNT(*) FROM audit_log a WHERE {where}", params)
        return [], counted[0] if counted else 0

    async def audit_people(self) -> list[int]:
        """Everyone a change was made by or concerns."""
        rows = await self.db.fetchall(
            f"SELECT a.actor_id FROM audit_log a WHERE {_CHANGES} UNION "
            f"SELECT a.subject_id FROM audit_log a WHERE a.subject_id IS NOT NULL AND ({_CHANGES})",
            (*_CHANGE_PARAMS, *_CHANGE_PARAMS),
        )
        return sorted(r[0] for r in rows)


def _changes_about(
    departments: Sequence[str], people: Sequence[int], items: Sequence[str] = ()
) -> tuple[str, list]:
    concerns: list[str] = []
    params: list[object] = [*_CHANGE_PARAMS]
    for code in items:  # a code among the details' words: "2021 4.1 dep", "4.1 #12"
        concerns.append(f"instr({_WORDS}, ?) > 0")
        params.append(f" {code} ")
    for department in departments:
        concerns.append(f"instr({_WORDS}, ?) > 0")
        params.append(f" {department} ")
    if departments:
        concerns.append(_WITHDRAWN_FROM.format(marks(list(departments))))
        params.extend(departments)
    if people:
        ids = marks(list(people))
        concerns.append(f"a.actor_id IN ({ids}) OR a.subject_id IN ({ids})")
        params.extend([*people, *people])
    where = f"({_CHANGES})"
    if concerns:
        where += " AND (" + " OR ".join(concerns) + ")"
    return where, params


def _entry(row: sqlite3.Row) -> AuditEntry:
    return AuditEntry(
        row["actor_id"],
        row["action"],
        row["subject_id"],
        row["details"],
        datetime.fromisoformat(row["created_at"]),
    )
