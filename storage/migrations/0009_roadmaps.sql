-- Several roadmaps in one bot. Each roadmap is kept whole, as its document has it; the
-- roadmap tables hold all of them at once, activities keyed across roadmaps (`2/4.1`;
-- roadmap 1 keeps its bare codes, so every reference already stored stays valid).
-- Departments stay shared per party: one department, one coordinator, many roadmaps.

CREATE TABLE roadmaps (
    number       INTEGER PRIMARY KEY,
    document     TEXT NOT NULL,               -- the roadmap's JSON, with its own codes
    retired      TEXT NOT NULL DEFAULT '[]',  -- activities earlier editions had, as JSON
    active_until INTEGER,                     -- reports taken until then (an admin's extension)
    source       TEXT NOT NULL CHECK (source IN ('file', 'bot')),
    digest       TEXT NOT NULL,               -- of `document`: an edition is confirmed once
    loaded_at    TEXT NOT NULL,
    loaded_by    INTEGER
);

ALTER TABLE items ADD COLUMN roadmap_no INTEGER NOT NULL DEFAULT 1;
ALTER TABLE items ADD COLUMN number TEXT;
ALTER TABLE sections ADD COLUMN roadmap_no INTEGER NOT NULL DEFAULT 1;

-- A roadmap's own office: people who approve its coordinators and see its reports.
CREATE TABLE roadmap_offices (
    roadmap_no INTEGER NOT NULL REFERENCES roadmaps(number),
    user_id    INTEGER NOT NULL,
    added_by   INTEGER,
    added_at   TEXT NOT NULL,
    PRIMARY KEY (roadmap_no, user_id)
);
CREATE INDEX roadmap_offices_by_user ON roadmap_offices(user_id);
