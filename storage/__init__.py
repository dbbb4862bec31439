"""SQLite storage: connection, migrations and the repository; all SQL lives here."""

from storage.db import Database, open_database
from storage.repository import Repository, SyncResult

__all__ = ["Database", "Repository", "SyncResult", "open_database"]
