"""The outbox: messages queued for other people, sent later by bot/telegram/outbox.py."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime, timedelta

from bot.domain.notices import Notice, QueuedNotice
from storage.base import RepoBase


def queue_notices(
    conn: sqlite3.Connection, notices: Iterable[Notice], now: str, not_before: str | None = None
) -> None:
    """Inside a caller's transaction, so a notice is queued exactly when its change commits."""
    notices = list(notices)
    if not notices:
        return
    due = not_before or now
    conn.executemany(
        "INSERT INTO outbox (chat_id, text, markup, created_at, next_try_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [(n.chat_id, n.text, n.markup, now, due) for n in notices],
    )


# notices to one chat in one claimed batch: at one a second, 20 s of its lease
PER_CHAT = 20


class OutboxQueries(RepoBase):
    async def due_notices(self, limit: int = 100) -> list[QueuedNotice]:
        """Pending notices whose time has come, oldest first."""
        rows = await self.db.fetchall(
            "SELECT id, chat_id, text, markup, attempts FROM outbox "
            "WHERE state = 'pending' AND next_try_at <= ? ORDER BY next_try_at, id LIMIT ?",
            (self._now(), limit),
        )
        return [QueuedNotice(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    async def claim_due_notices(
        self, limit: int = 100, lease: timedelta = timedelta(minutes=2)
    ) -> list[QueuedNotice]:
        """The due notices, oldest first, claimed for `lease`: another process (a second
        replica, the old one during a restart) does not see them as due until the lease runs
        out, so each is sent by one of them; one that dies mid-send leaves its notices to
        the others after the lease. Sending finishes, retries or postpones each one."""
        now = self._now()
        until = (self.clock.now() + lease).isoformat(timespec="seconds")

        def claim(conn: sqlite3.Connection) -> list[QueuedNotice]:
            # a chat with a notice still to come (claimed by another process, or waiting out
            # a flood wait) gets nothing more now: its notices go one after another, in order;
            # and a few per chat, so a batch is sent well within its lease
            rows = conn.execute(
                "SELECT id, chat_id, text, markup, attempts FROM ("
                " SELECT *, ROW_NUMBER() OVER (PARTITION BY chat_id ORDER BY next_try_at, id)"
                " AS nth FROM outbox WHERE state = 'pending' AND next_try_at <= ?"
                " AND chat_id NOT IN (SELECT chat_id FROM outbox"
                "  WHERE state = 'pending' AND next_try_at > ?)"
                ") AS due WHERE nth <= ? ORDER BY next_try_at, id LIMIT ?",
                (now, now, PER_CHAT, limit),
            ).fetchall()
            conn.executemany(
                "UPDATE outbox SET next_try_at = ? WHERE id = ?", [(until, r[0]) for r in rows]
            )
            return [QueuedNotice(r[0], r[1], r[2], r[3], r[4]) for r in rows]

        return await self.db.write(claim)

    async def release_notices(self, notice_ids: list[int]) -> None:
        """Claimed notices this process will not send after all (it is stopping): due now."""
        now = self._now()
        await self.db.write(
            lambda conn: conn.executemany(
                "UPDATE outbox SET next_try_at = ? WHERE id = ? AND state = 'pending'",
                [(now, notice_id) for notice_id in notice_ids],
            )
        )

    async def pending_for(self, chat_id: int) -> int:
        """Notices to this chat not sent yet."""
        row = await self.db.fetchone(
            "SELECT COUNT(*) FROM outbox WHERE state = 'pending' AND chat_id = ?", (chat_id,)
        )
        return int(row[0]) if row else 0

    async def next_notice_at(self) -> datetime | None:
        """When the earliest pending notice falls due (None if nothing is pending)."""
        row = await self.db.fetchone("SELECT MIN(next_try_at) FROM outbox WHERE state = 'pending'")
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    async def finish_notice(self, notice_id: int, state: str) -> None:
        """sent, blocked (the person cannot be reached), rejected or failed: final."""
        params = (state, self._now(), notice_id)
        await self.db.write(
            lambda conn: conn.execute(
                "UPDATE outbox SET state = ?, attempts = attempts + 1, finished_at = ? "
                "WHERE id = ?",
                params,
            )
        )

    async def retry_notice(self, notice_id: int, after: timedelta) -> None:
        params = ((self.clock.now() + after).isoformat(timespec="seconds"), notice_id)
        await self.db.write(
            lambda conn: conn.execute(
                "UPDATE outbox SET attempts = attempts + 1, next_try_at = ? WHERE id = ?", params
            )
        )

    async def queue_notices(
        self, notices: Iterable[Notice], not_before: datetime | None = None
    ) -> None:
        """Queue notices on their own (a reply that must wait out a long flood wait)."""
        now = self._now()
        due = not_before.isoformat(timespec="seconds") if not_before else None
        await self.db.write(lambda conn: queue_notices(conn, notices, now, due))

    async def postpone_notice(self, notice_id: int, until: datetime) -> None:
        """Try again at `until`, without counting an attempt (its chat is flood-waited)."""
        params = (until.isoformat(timespec="seconds"), notice_id)
        await self.db.write(
            lambda conn: conn.execute("UPDATE outbox SET next_try_at = ? WHERE id = ?", params)
        )

    async def forget_finished_notices(self, older_than: timedelta) -> int:
        cutoff = (self.clock.now() - older_than).isoformat(timespec="seconds")
        return await self.db.write(
            lambda conn: (
                conn.execute(
                    "DELETE FROM outbox WHERE state <> 'pending' AND finished_at < ?", (cutoff,)
                ).rowcount
            )
        )

    async def outbox_counts(self) -> dict[str, int]:
        rows = await self.db.fetchall("SELECT state, COUNT(*) FROM outbox GROUP BY state")
        return {r[0]: r[1] for r in rows}
