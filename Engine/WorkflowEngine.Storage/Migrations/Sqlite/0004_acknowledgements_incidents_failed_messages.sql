-- Delivery that heals itself: a department acknowledges each step (received_at); the engine sends a step again when it
-- has heard nothing for too long (last_contact_at: when it last sent the step or heard about it). One process owns an
-- SQLite file, so it reads the waiting steps once at start and follows them in memory: an index of them would cost every
-- step an insert and a delete in the single write lane (7 % of throughput). Databases that several engine processes
-- share index them instead.
ALTER TABLE steps ADD COLUMN received_at INTEGER;
ALTER TABLE steps ADD COLUMN last_contact_at INTEGER;
UPDATE steps SET last_contact_at = COALESCE(claimed_at, dispatched_at) WHERE status IN ('dispatched', 'claimed');

-- An error while executing an application: the application waits with the events it could not apply.
CREATE TABLE incidents (
    id TEXT NOT NULL PRIMARY KEY,
    application_id TEXT NOT NULL,
    status TEXT NOT NULL,
    step_id TEXT,
    error TEXT NOT NULL,
    error_type TEXT NOT NULL,
    raised_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    events_json TEXT NOT NULL,
    resolved_at INTEGER,
    resolved_by TEXT,
    resolution TEXT
);
CREATE INDEX ix_incidents_application ON incidents (application_id, status);
CREATE INDEX ix_incidents_open ON incidents (raised_at) WHERE status = 'open';

-- A message its receiver gave up on (invalid, or failing after its retries): kept for an administrator to read and
-- send again, whatever the transport did with it (the in-memory bus's error queue dies with the process).
CREATE TABLE failed_messages (
    id TEXT NOT NULL PRIMARY KEY,
    queue TEXT NOT NULL,
    message_id TEXT,
    message_type TEXT,
    body TEXT NOT NULL,
    error TEXT NOT NULL,
    failed_at INTEGER NOT NULL,
    replayed_at INTEGER,
    replayed_by TEXT
);
CREATE INDEX ix_failed_messages_open ON failed_messages (failed_at) WHERE replayed_at IS NULL;
