"""People: Telegram users as the bot knows them, and their settings."""

from __future__ import annotations

import sqlite3
from datetime import date

from bot.domain.people import Membership, Person, UserProfile
from storage.base import RepoBase, marks

PERSON_FIELDS = (
    "id",
    "first_name",
    "last_name",
    "username",
    "language",
    "telegram_language",
    "timezone",
    "notify_counterpart",
    "reminders_paused_until",
    "unreachable_since",
)
_PERSON_COLUMNS = ", ".join(PERSON_FIELDS)
_SETTABLE = {"language", "timezone", "notify_counterpart", "reminders_paused_until"}


def person_from_row(row: sqlite3.Row) -> Person:
    paused = row["reminders_paused_until"]
    return Person(
        id=row["id"],
        first_name=row["first_name"],
        last_name=row["last_name"],
        username=row["username"],
        language=row["language"],
        telegram_language=row["telegram_language"],
        timezone=row["timezone"],
        notify_counterpart=bool(row["notify_counterpart"]),
        reminders_paused_until=date.fromisoformat(paused) if paused else None,
        unreachable=row["unreachable_since"] is not None,
    )


class PeopleQueries(RepoBase):
    async def touch_user(
        self,
        user_id: int,
        first_name: str,
        last_name: str | None,
        username: str | None,
        telegram_language: str | None,
    ) -> UserProfile:
        """Record (or refresh) a Telegram user and return their stored profile and
        memberships.

        Most updates come from known users whose names did not change: those cost one read
        (a row per membership; on PostgreSQL a look-up costs ~0.2 ms of the bot's CPU, so
        the sender is one, not two).
        """
        rows = await self.db.fetchall(
            "SELECT u.first_name, u.last_name, u.username, u.language, u.telegram_language,"
            " u.timezone, u.unreachable_since, m.department_id, m.status FROM users u"
            " LEFT JOIN (memberships m JOIN departments d"
            " ON d.id = m.department_id AND d.active = 1) ON m.user_id = u.id"
            " WHERE u.id = ? ORDER BY d.position",
            (user_id,),
        )
        known = rows[0] if rows else None
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
        memberships = tuple(
            Membership(user_id, row["department_id"], row["status"])
            for row in rows
            if row["department_id"] is not None
        )
        return UserProfile(user_id, first_name, language, telegram_language, timezone, memberships)

    async def person(self, user_id: int) -> Person | None:
        row = await self.db.fetchone(
            f"SELECT {_PERSON_COLUMNS} FROM users WHERE id = ?", (user_id,)
        )
        return person_from_row(row) if row else None

    async def people(self, user_ids: list[int]) -> dict[int, Person]:
        if not user_ids:
            return {}
        rows = await self.db.fetchall(
            f"SELECT {_PERSON_COLUMNS} FROM users WHERE id IN ({marks(user_ids)})", user_ids
        )
        return {row["id"]: person_from_row(row) for row in rows}

    async def recent_people(self, limit: int, offset: int = 0) -> list[Person]:
        """People who have written to the bot, the most recently seen first (a new one, or
        one whose name changed), for an admin to pick from (/offices)."""
        rows = await self.db.fetchall(
            f"SELECT {_PERSON_COLUMNS} FROM users ORDER BY updated_at DESC, id DESC "
            "LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [person_from_row(row) for row in rows]

    async def set_user_setting(self, user_id: int, name: str, value: object) -> None:
        if name not in _SETTABLE:
            raise ValueError(f"not a user setting: {name}")
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, bool):  # an integer column (PostgreSQL takes no bool for it)
            value = int(value)
        params = (value, self._now(), user_id)
        await self.db.write(
            lambda conn: conn.execute(
                f"UPDATE users SET {name} = ?, updated_at = ? WHERE id = ?", params
            )
        )

    async def mark_unreachable(self, user_id: int) -> None:
        params = (self._now(), user_id)
        await self.db.write(
            lambda conn: conn.execute(
                "UPDATE users SET unreachable_since = COALESCE(unreachable_since, ?) WHERE id = ?",
                params,
            )
        )

    async def seed_coordinators(self, people: list[tuple[int, str, str, str]]) -> None:
        """Add approved coordinators in bulk: (user id, first name, language, department)."""
        now = self._now()

        def seed(conn: sqlite3.Connection) -> None:
            conn.executemany(
                "INSERT INTO users (id, first_name, telegram_language, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [(uid, name, lang, now, now) for uid, name, lang, _ in people],
            )
            conn.executemany(
                "INSERT INTO memberships (user_id, department_id, status, requested_at, "
                "decided_at) VALUES (?, ?, 'approved', ?, ?) ON CONFLICT (user_id, department_id) "
                "DO UPDATE SET status = 'approved', requested_at = excluded.requested_at, "
                "decided_at = excluded.decided_at, decided_by = NULL",
                [(uid, dep, now, now) for uid, _, _, dep in people],
            )

        await self.db.write(seed)
