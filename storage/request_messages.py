"""Where each admin's copy of a membership request was sent, to edit once it is decided."""

from __future__ import annotations

import sqlite3

from storage.base import RepoBase


class RequestMessageQueries(RepoBase):
    async def keep_request_messages(
        self, user_id: int, department_id: str, messages: list[tuple[int, int]]
    ) -> None:
        """(chat id, message id) of copies of the user's request for the department."""
        if not messages:
            return

        def keep(conn: sqlite3.Connection) -> None:
            conn.executemany(
                "INSERT INTO request_messages (user_id, department_id, chat_id, message_id) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [(user_id, department_id, chat, message) for chat, message in messages],
            )

        await self.db.write(keep)

    async def take_request_messages(
        self, user_id: int, department_id: str
    ) -> list[tuple[int, int]]:
        """The copies kept of the request, forgotten as they are handed out: a request is
        decided once, and its copies are edited once."""

        def take(conn: sqlite3.Connection) -> list[tuple[int, int]]:
            # read, then delete, in one write (no DELETE ... RETURNING: SQLite 3.35+ only)
            rows = conn.execute(
                "SELECT chat_id, message_id FROM request_messages "
                "WHERE user_id = ? AND department_id = ?",
                (user_id, department_id),
            ).fetchall()
            conn.execute(
                "DELETE FROM request_messages WHERE user_id = ? AND department_id = ?",
                (user_id, department_id),
            )
            return sorted((row[0], row[1]) for row in rows)

        return await self.db.write(take)
