-- The year-end text of each activity and department, as its coordinator confirmed (or
-- rewrote) it for «Информация о ходе выполнения»; one per year, replaced when confirmed again.
CREATE TABLE year_texts (
    year          INTEGER NOT NULL,
    item_code     TEXT NOT NULL REFERENCES items(code),
    department_id TEXT NOT NULL REFERENCES departments(id),
    text          TEXT NOT NULL,
    corrected     INTEGER NOT NULL DEFAULT 0,  -- typed by the coordinator, not the draft
    user_id       INTEGER NOT NULL REFERENCES users(id),
    confirmed_at  TEXT NOT NULL,
    PRIMARY KEY (year, item_code, department_id)
);
