-- Work only one process does at a time (the reminder tick), held by whoever renewed it
-- last; another takes over once the holder stops renewing.
CREATE TABLE leases (
    name   TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until  TEXT NOT NULL
);
