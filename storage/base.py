"""What every group of queries shares: the database and the clock."""

from __future__ import annotations

from bot.domain.clock import Clock, SystemClock
from storage.db import Store


class RepoBase:
    def __init__(self, db: Store, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or SystemClock()

    def _now(self) -> str:
        return self.clock.now().isoformat(timespec="seconds")


def marks(values: list | tuple) -> str:
    """'?,?,?' for an IN (...) of these values."""
    return ",".join("?" * len(values))
