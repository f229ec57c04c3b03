-- Both views of each decided department step's compliance: the department host's as it reported it (host_reported 0
-- when it sent no compliance block: an older host; host_on_time is then the flag every report carries) and the
-- engine's recomputation on its own calendar, with the kinds of disagreement as ',kind,kind,' ('' when they agree).
-- Written in the engine's commit that records the decision. Keyed by the report's arrival, so that the administrators'
-- list (newest first, by month) reads one b-tree range and a commit writes no second index.
CREATE TABLE step_compliance (
    reported_at bigint NOT NULL,
    application_id text NOT NULL,
    step_id text NOT NULL,
    attempt bigint NOT NULL,
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
    PRIMARY KEY (reported_at, application_id, step_id, attempt)
);
