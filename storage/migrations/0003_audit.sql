-- Who did what and when: membership changes and the coordinating office's actions.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_id   INTEGER NOT NULL,
    action     TEXT NOT NULL,
    subject_id INTEGER,          -- the user acted upon, if any
    details    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX audit_log_recent ON audit_log(created_at DESC, id DESC);
