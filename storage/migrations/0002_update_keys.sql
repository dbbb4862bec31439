-- Each status update remembers what created it (a dialog's draft id, or the Telegram update
-- of a one-message /update), so a double tap or a redelivered update cannot save it twice.
ALTER TABLE status_updates ADD COLUMN client_key TEXT;
CREATE UNIQUE INDEX status_updates_client_key ON status_updates(client_key);
CREATE INDEX memberships_by_user ON memberships(user_id, status);
