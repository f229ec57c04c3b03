-- The bundle's and each running stage's clock of every running application, as the engine last counted it when it
-- committed the application's state: when each card turns yellow and red against the promised and the statutory limit
-- (yellow_at and red_at: the earlier of the two). The administrator's list of late bundles and stages is a query over
-- it, not a recount of every open application per request.
CREATE TABLE open_clocks (
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
    PRIMARY KEY (application_id, clock_id)
);
CREATE INDEX ix_open_clocks_yellow ON open_clocks (yellow_at, service_id) WHERE yellow_at IS NOT NULL;

-- Applications already running when this ran have no rows yet: the engine host counts their clocks once at start and
-- deletes this row when done (a row still here means the count was interrupted and starts again).
CREATE TABLE open_clocks_backfill (id INTEGER NOT NULL PRIMARY KEY);
INSERT INTO open_clocks_backfill (id) VALUES (1);
