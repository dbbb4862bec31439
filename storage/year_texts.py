"""Year-end texts: confirmed once a year per activity and department, with the carry of a
status still current and the audit entry in the same transaction."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.domain.people import AuditRecord
from bot.domain.reports import NewStatusReport
from bot.domain.year_end import YearText
from storage.audit import write_audit
from storage.base import RepoBase
from storage.status_reports import insert_report


class YearTextQueries(RepoBase):
    async def year_texts(self, year: int) -> dict[tuple[str, str], YearText]:
        """(item code, department id) -> the text confirmed for the year."""
        rows = await self.db.fetchall(
            "SELECT t.year, t.item_code, t.department_id, t.text, t.user_id, t.confirmed_at, "
            "t.corrected, TRIM(u.first_name || ' ' || COALESCE(u.last_name, '')) AS author "
            "FROM year_texts t JOIN users u ON u.id = t.user_id WHERE t.year = ?",
            (year,),
        )
        return {
            (r["item_code"], r["department_id"]): YearText(
                r["year"],
                r["item_code"],
                r["department_id"],
                r["text"],
                r["user_id"],
                r["author"],
                datetime.fromisoformat(r["confirmed_at"]),
                bool(r["corrected"]),
            )
            for r in rows
        }

    async def confirm_year_text(
        self,
        year: int,
        item_code: str,
        department_id: str,
        text: str,
        user_id: int,
        corrected: bool,
        audit: AuditRecord,
        carry: NewStatusReport | None = None,
    ) -> bool:
        """Confirm the text (replacing one confirmed before); with `carry`, the status it
        confirms as still current is reported again in the same transaction. False if the
        very same text was confirmed already (a second tap): nothing is written."""
        now = self._now()

        def confirm(conn: sqlite3.Connection) -> bool:
            known = conn.execute(
                "SELECT text FROM year_texts WHERE year = ? AND item_code = ? "
                "AND department_id = ?",
                (year, item_code, department_id),
            ).fetchone()
            if known is not None and known[0] == text:
                return False
            conn.execute(
                "INSERT INTO year_texts (year, item_code, department_id, text, corrected, "
                "user_id, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(year, item_code, department_id) DO UPDATE SET text = excluded.text,"
                " corrected = excluded.corrected, user_id = excluded.user_id, "
                "confirmed_at = excluded.confirmed_at",
                (year, item_code, department_id, text, int(corrected), user_id, now),
            )
            if carry is not None:
                insert_report(conn, carry, now)
            write_audit(conn, audit, now)
            return True

        return await self.db.write(confirm)
