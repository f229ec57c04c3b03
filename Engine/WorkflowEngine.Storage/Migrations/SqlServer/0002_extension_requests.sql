-- A clerk's requests for more time on a department task and the supervisor's answers (行政许可法 Art. 42). The amount
-- is kept as given, working days or office hours, as invariant decimal text.
CREATE TABLE extension_requests (
    id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    task_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    tracking_number nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    step_id nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    attempt bigint NOT NULL,
    department nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    title nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    working_days nvarchar(32) COLLATE Latin1_General_100_BIN2,
    working_hours nvarchar(32) COLLATE Latin1_General_100_BIN2,
    reason nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    requested_by nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    requested_at bigint NOT NULL,
    status nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
    decided_by nvarchar(max) COLLATE Latin1_General_100_BIN2,
    decided_at bigint,
    decision nvarchar(max) COLLATE Latin1_General_100_BIN2
);
CREATE INDEX ix_extension_requests_task ON extension_requests (task_id);
CREATE INDEX ix_extension_requests_department ON extension_requests (department, status, requested_at);
