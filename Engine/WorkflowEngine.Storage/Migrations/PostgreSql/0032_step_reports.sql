-- Every department step's reported compliance beside the engine's recomputation, agreeing or not, so that an
-- administrator can set the two sets of figures side by side for any step of an application (step_compliance keeps
-- only what its list shows: disagreements and hosts that sent no view). The same columns as step_compliance, written in
-- the same commit; keyed by the application, so that an application's steps are one b-tree range.
-- sent_at: when the host says it sent the report (StepCompleted.sentAt), null from older hosts; back-fill is measured
-- from it, not from the arrival (reported_at), which a stopped engine or a backed-up queue delays.
ALTER TABLE step_compliance ADD COLUMN sent_at bigint;

CREATE TABLE step_reports (
    application_id text NOT NULL,
    step_id text NOT NULL,
    attempt bigint NOT NULL,
    reported_at bigint NOT NULL,
    sent_at bigint,
    department text NOT NULL,
    service_id text NOT NULL,
    dispatched_at bigint NOT NULL,
    host_reported integer NOT NULL,
    kinds text NOT NULL,
    host_received_at bigint,
    host_started_at bigint,
    host_completed_at bigint,
    host_due_at bigint,
    host_minutes_used bigint,
    host_minutes_paused bigint,
    host_on_time integer,
    engine_received_at bigint,
    engine_started_at bigint,
    engine_completed_at bigint NOT NULL,
    engine_due_at bigint,
    engine_minutes_used bigint,
    engine_minutes_paused bigint,
    engine_on_time integer NOT NULL,
    PRIMARY KEY (application_id, step_id, attempt, reported_at)
);
