-- Every department step's reported compliance beside the engine's recomputation, agreeing or not, so that an
-- administrator can set the two sets of figures side by side for any step of an application (step_compliance keeps
-- only what its list shows: disagreements and hosts that sent no view). The same columns as step_compliance, written in
-- the same commit; keyed by the application, so that an application's steps are one b-tree range.
-- sent_at: when the host says it sent the report (StepCompleted.sentAt), null from older hosts; back-fill is measured
-- from it, not from the arrival (reported_at), which a stopped engine or a backed-up queue delays.
ALTER TABLE step_compliance ADD sent_at bigint NULL;

CREATE TABLE step_reports (
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    step_id nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    attempt bigint NOT NULL,
    reported_at bigint NOT NULL,
    sent_at bigint NULL,
    department nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    service_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    dispatched_at bigint NOT NULL,
    host_reported int NOT NULL,
    kinds nvarchar(400) COLLATE Latin1_General_100_BIN2 NOT NULL,
    host_received_at bigint NULL,
    host_started_at bigint NULL,
    host_completed_at bigint NULL,
    host_due_at bigint NULL,
    host_minutes_used bigint NULL,
    host_minutes_paused bigint NULL,
    host_on_time int NULL,
    engine_received_at bigint NULL,
    engine_started_at bigint NULL,
    engine_completed_at bigint NOT NULL,
    engine_due_at bigint NULL,
    engine_minutes_used bigint NULL,
    engine_minutes_paused bigint NULL,
    engine_on_time int NOT NULL,
    PRIMARY KEY (application_id, step_id, attempt, reported_at)
);
