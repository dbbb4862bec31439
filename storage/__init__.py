"""Storage: SQLite (the default) or PostgreSQL, migrations and the repository; all SQL lives
here."""

from storage.db import Database, DatabaseOpenError, MigrationError, Store, open_database
from storage.repository import Repository, SyncResult

__all__ = [
    "Database",
    "DatabaseOpenError",
    "MigrationError",
    "Repository",
    "Store",
    "SyncResult",
    "open_database",
]
