-- Messages for other people (a counterpart's notice of a new report): queued in the same
-- transaction as the report, then sent in the background, paced under Telegram's limits.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id     INTEGER NOT NULL,
    text        TEXT NOT NULL,
    markup      TEXT,                          -- reply_markup as Bot API JSON
    created_at  TEXT NOT NULL,
    next_try_at TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    state       TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sent', 'blocked', 'rejected', 'failed')),
    finished_at TEXT
);
CREATE INDEX outbox_due ON outbox(next_try_at, id) WHERE state = 'pending';
CREATE INDEX outbox_finished ON outbox(finished_at) WHERE state <> 'pending';
