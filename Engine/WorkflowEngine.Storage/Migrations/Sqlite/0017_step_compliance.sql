-- Both views of each decided department step's compliance: the department host's as it reported it (host_reported 0
-- when it sent no compliance block: an older host; host_on_time is then the flag every report carries) and the
-- engine's recomputation on its own calendar, with the kinds of disagreement as ',kind,kind,' ('' when they agree).
-- Written in the engine's commit that records the decision. Keyed by the report's arrival, so that the administrators'
-- list (newest first, by month) reads one b-tree range and a commit writes no second index.
CREATE TABLE step_compliance (
    reported_at INTEGER NOT NULL,
    application_id TEXT NOT NULL,
    step_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    department TEXT NOT NULL,
    service_id TEXT NOT NULL,
    dispatched_at INTEGER NOT NULL,
    host_reported INTEGER NOT NULL,
    kinds TEXT NOT NULL,
    host_received_at INTEGER,
    host_started_at INTEGER,
    host_completed_at INTEGER,
    host_due_at INTEGER,
    host_minutes_used INTEGER,
    host_minutes_paused INTEGER,
    host_on_time INTEGER,
    engine_received_at INTEGER,
    engine_started_at INTEGER,
    engine_completed_at INTEGER NOT NULL,
    engine_due_at INTEGER,
    engine_minutes_used INTEGER,
    engine_minutes_paused INTEGER,
    engine_on_time INTEGER NOT NULL,
    PRIMARY KEY (reported_at, application_id, step_id, attempt)
) WITHOUT ROWID;
