-- Telegram updates confirmed to Telegram before they were handled: a chat that is slow to
-- answer (flood-waited, a long report) must not hold up the next poll, so the updates still
-- being handled when the poller moves on are kept here, and handled again after a crash.
CREATE TABLE inbox (
    update_id   INTEGER PRIMARY KEY,
    payload     TEXT NOT NULL,   -- the update as JSON
    received_at TEXT NOT NULL
);

-- Replies queued during a chat's flood wait go out before any new one: the bot asks whether
-- a chat still has notices waiting.
CREATE INDEX outbox_pending_by_chat ON outbox(chat_id) WHERE state = 'pending';
