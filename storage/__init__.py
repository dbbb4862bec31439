"""SQLite storage: connection, migrations and the repository; all SQL lives here."""

from storage.db import Database, DatabaseOpenError, MigrationError, open_database
from storage.repository import Repository, SyncResult

__all__ = [
    "Database",
    "DatabaseOpenError",
    "MigrationError",
    "Repository",
    "SyncResult",
    "open_database",
]
