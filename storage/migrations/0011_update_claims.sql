-- A webhook update is claimed before it is handled, so a delivery Telegram retries (to
-- this process or another) while the first is still being handled is not handled twice;
-- `done` = 0 while it is, and a claim left by a process that died is taken over after a
-- lease. Rows from before were all handled.
ALTER TABLE processed_updates ADD COLUMN done INTEGER NOT NULL DEFAULT 1;
