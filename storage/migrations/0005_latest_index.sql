-- Standing updates in the orders the bot reads them, so a page or a latest status is an
-- index seek instead of a sort of every update of the activity:
-- each department's latest on an activity (/my_items, item cards) ...
CREATE INDEX status_updates_latest
    ON status_updates(item_code, department_id, created_at DESC, id DESC)
    WHERE withdrawn_at IS NULL;
-- ... and an activity's history, newest first (/history).
CREATE INDEX status_updates_history
    ON status_updates(item_code, created_at DESC, id DESC)
    WHERE withdrawn_at IS NULL;
