-- Both views of each decided department step's compliance: the department host's as it reported it (host_reported 0
-- when it sent no compliance block: an older host; host_on_time is then the flag every report carries) and the
-- engine's recomputation on its own calendar, with the kinds of disagreement as ',kind,kind,' ('' when they agree).
-- Written in the engine's commit that records the decision. Keyed by the report's arrival, so that the administrators'
-- list (newest first, by month) reads one b-tree range and a commit writes no second index.
CREATE TABLE step_compliance (
    reported_at bigint NOT NULL,
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    step_id nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    attempt bigint NOT NULL,
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
    PRIMARY KEY (reported_at, application_id, step_id, attempt)
);
