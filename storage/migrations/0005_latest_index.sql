-- The latest standing update of each department on an activity, found by one index seek
-- (for /my_items and item cards) instead of ranking every update of the activity.
CREATE INDEX status_updates_latest
    ON status_updates(item_code, department_id, created_at DESC, id DESC)
    WHERE withdrawn_at IS NULL;
