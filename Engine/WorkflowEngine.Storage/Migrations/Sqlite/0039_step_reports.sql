-- Every department step's reported compliance beside the engine's recomputation, agreeing or not, so that an
-- administrator can set the two sets of figures side by side for any step of an application (step_compliance keeps
-- only what its list shows: disagreements and hosts that sent no view). The same columns as step_compliance, written in
-- the same commit; keyed by the application, so that an application's steps are one b-tree range.
-- sent_at: when the host says it sent the report (StepCompleted.sentAt), null from older hosts; back-fill is measured
-- from it, not from the arrival (reported_at), which a stopped engine or a backed-up queue delays.
ALTER TABLE step_compliance ADD COLUMN sent_at INTEGER;

CREATE TABLE step_reports (
    application_id TEXT NOT NULL,
    step_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    reported_at INTEGER NOT NULL,
    sent_at INTEGER,
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
    PRIMARY KEY (application_id, step_id, attempt, reported_at)
) WITHOUT ROWID;
