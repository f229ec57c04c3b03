-- A bundle's open clock and its timers are each written once and deleted once, and found only by their key or through
-- their one index (the late list's ix_open_clocks_yellow, the timer poll's ix_timers_due): stored in the key's b-tree,
-- as steps are (0003), a commit that writes or deletes one no longer also writes a rowid b-tree beside the key's.
-- PostgreSQL and SQL Server have no rowid b-tree to save: they are unchanged.
CREATE TABLE open_clocks_by_key (
    application_id TEXT NOT NULL,
    clock_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    service_id TEXT NOT NULL,
    title TEXT NOT NULL,
    warn_at INTEGER,
    due_at INTEGER,
    statutory_warn_at INTEGER,
    statutory_due_at INTEGER,
    yellow_at INTEGER,
    red_at INTEGER,
    paused INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (application_id, clock_id)
) WITHOUT ROWID;
INSERT INTO open_clocks_by_key (application_id, clock_id, kind, service_id, title, warn_at, due_at, statutory_warn_at,
    statutory_due_at, yellow_at, red_at, paused)
SELECT application_id, clock_id, kind, service_id, title, warn_at, due_at, statutory_warn_at,
    statutory_due_at, yellow_at, red_at, paused
FROM open_clocks;
DROP TABLE open_clocks;
ALTER TABLE open_clocks_by_key RENAME TO open_clocks;
CREATE INDEX ix_open_clocks_yellow ON open_clocks (yellow_at, service_id) WHERE yellow_at IS NOT NULL;

-- The poll leases due timers by their key, not by a rowid (SqliteDialect.LeaseTimers).
CREATE TABLE timers_by_key (
    application_id TEXT NOT NULL,
    timer_id TEXT NOT NULL,
    node_id TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    lease_owner TEXT,
    lease_until INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (application_id, timer_id)
) WITHOUT ROWID;
INSERT INTO timers_by_key (application_id, timer_id, node_id, due_at, lease_owner, lease_until)
SELECT application_id, timer_id, node_id, due_at, lease_owner, lease_until FROM timers;
DROP TABLE timers;
ALTER TABLE timers_by_key RENAME TO timers;
CREATE INDEX ix_timers_due ON timers (due_at);
