-- Invite links: the office makes a t.me/<bot>?start=inv_<token> link for one department and
-- forwards it there; whoever opens it asks to join that department in one tap. A link works
-- until it is revoked; each request made through it is counted.
CREATE TABLE invites (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    token         TEXT NOT NULL UNIQUE,
    department_id TEXT NOT NULL REFERENCES departments(id),
    created_by    INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    revoked_at    TEXT,
    revoked_by    INTEGER,
    uses          INTEGER NOT NULL DEFAULT 0,
    last_used_at  TEXT
);
CREATE INDEX invites_live ON invites(department_id) WHERE revoked_at IS NULL;

-- Each admin's copy of a membership request (the chat and the message with the buttons), so
-- that once one admin decides, the others' copies are edited to say who decided; forgotten
-- when the request is decided.
CREATE TABLE request_messages (
    user_id       INTEGER NOT NULL,
    department_id TEXT NOT NULL,
    chat_id       INTEGER NOT NULL,
    message_id    INTEGER NOT NULL,
    PRIMARY KEY (user_id, department_id, chat_id, message_id)
);
