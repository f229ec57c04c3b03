-- The bundle's and each running stage's clock of every running application, as the engine last counted it when it
-- committed the application's state: when each card turns yellow and red against the promised and the statutory limit
-- (yellow_at and red_at: the earlier of the two). The administrator's list of late bundles and stages is a query over
-- it, not a recount of every open application per request.
CREATE TABLE open_clocks (
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    clock_id nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    kind nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
    service_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    title nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    warn_at bigint NULL,
    due_at bigint NULL,
    statutory_warn_at bigint NULL,
    statutory_due_at bigint NULL,
    yellow_at bigint NULL,
    red_at bigint NULL,
    PRIMARY KEY (application_id, clock_id)
);
CREATE INDEX ix_open_clocks_yellow ON open_clocks (yellow_at, service_id) WHERE yellow_at IS NOT NULL;

-- Applications already running when this ran have no rows yet: the engine host counts their clocks once at start and
-- deletes this row when done (a row still here means the count was interrupted and starts again).
CREATE TABLE open_clocks_backfill (id int NOT NULL PRIMARY KEY);
INSERT INTO open_clocks_backfill (id) VALUES (1);
