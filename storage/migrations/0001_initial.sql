-- The roadmap (synced from data/roadmap.json; rows are retired, never deleted),
-- people and their departments, reported progress, and the bot's own bookkeeping.

CREATE TABLE roadmap_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE parties (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    timezone TEXT NOT NULL,
    position INTEGER NOT NULL,
    active   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE sections (
    code     TEXT PRIMARY KEY,
    title    TEXT NOT NULL,
    position INTEGER NOT NULL,
    active   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE departments (
    id       TEXT PRIMARY KEY,
    party_id TEXT NOT NULL REFERENCES parties(id),
    name     TEXT NOT NULL,
    position INTEGER NOT NULL,
    active   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE items (
    code         TEXT PRIMARY KEY,
    section_code TEXT NOT NULL REFERENCES sections(code),
    title        TEXT NOT NULL,
    term         TEXT NOT NULL,
    position     INTEGER NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE item_executors (
    item_code     TEXT NOT NULL REFERENCES items(code),
    department_id TEXT NOT NULL REFERENCES departments(id),
    position      INTEGER NOT NULL,
    PRIMARY KEY (item_code, department_id)
);
CREATE INDEX item_executors_by_department ON item_executors(department_id);

CREATE TABLE users (
    id                     INTEGER PRIMARY KEY,  -- Telegram user id
    first_name             TEXT NOT NULL DEFAULT '',
    last_name              TEXT,
    username               TEXT,
    telegram_language      TEXT,
    language               TEXT CHECK (language IN ('ru', 'en')),
    timezone               TEXT,
    notify_counterpart     INTEGER NOT NULL DEFAULT 1,
    reminders_paused_until TEXT,               -- ISO date, inclusive
    unreachable_since      TEXT,               -- set when Telegram says the bot is blocked
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL
);

CREATE TABLE memberships (
    user_id       INTEGER NOT NULL REFERENCES users(id),
    department_id TEXT NOT NULL REFERENCES departments(id),
    status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'revoked')),
    requested_at  TEXT NOT NULL,
    decided_at    TEXT,
    decided_by    INTEGER,
    PRIMARY KEY (user_id, department_id)
);
CREATE INDEX memberships_by_department ON memberships(department_id, status);

CREATE TABLE status_updates (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    item_code      TEXT NOT NULL REFERENCES items(code),
    department_id  TEXT NOT NULL REFERENCES departments(id),
    user_id        INTEGER NOT NULL REFERENCES users(id),
    status         TEXT NOT NULL
                   CHECK (status IN ('done', 'in_progress', 'not_started', 'postponed', 'at_risk')),
    comment        TEXT NOT NULL DEFAULT '',
    evidence_kind  TEXT CHECK (evidence_kind IN ('document', 'photo')),
    evidence_file_id TEXT,
    evidence_name  TEXT,
    carried_forward INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    edited_at      TEXT,
    withdrawn_at   TEXT
);
CREATE INDEX status_updates_by_item ON status_updates(item_code, created_at);
CREATE INDEX status_updates_by_department ON status_updates(department_id, created_at);

CREATE TABLE reminder_log (
    user_id   INTEGER NOT NULL REFERENCES users(id),
    kind      TEXT NOT NULL,     -- quarterly, annual-30, overdue, digest, ...
    period    TEXT NOT NULL,     -- 2021-Q3, 2021
    state     TEXT NOT NULL CHECK (state IN ('claimed', 'sent', 'failed', 'skipped')),
    detail    TEXT,
    claimed_at TEXT NOT NULL,
    sent_at   TEXT,
    PRIMARY KEY (user_id, kind, period)
);

CREATE TABLE processed_updates (
    update_id    INTEGER PRIMARY KEY,
    processed_at TEXT NOT NULL
);

CREATE TABLE fsm_state (
    key        TEXT PRIMARY KEY,   -- aiogram StorageKey, serialised
    state      TEXT,
    data       TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
);
