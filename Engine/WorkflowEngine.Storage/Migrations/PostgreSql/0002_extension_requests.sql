-- A clerk's requests for more time on a department task and the supervisor's answers (行政许可法 Art. 42). The amount
-- is kept as given, working days or office hours, as invariant decimal text.
CREATE TABLE extension_requests (
    id text NOT NULL PRIMARY KEY,
    task_id text NOT NULL,
    application_id text NOT NULL,
    tracking_number text NOT NULL,
    step_id text NOT NULL,
    attempt bigint NOT NULL,
    department text NOT NULL,
    title text NOT NULL,
    working_days text,
    working_hours text,
    reason text NOT NULL,
    requested_by text NOT NULL,
    requested_at bigint NOT NULL,
    status text NOT NULL,
    decided_by text,
    decided_at bigint,
    decision text
);
CREATE INDEX ix_extension_requests_task ON extension_requests (task_id);
CREATE INDEX ix_extension_requests_department ON extension_requests (department, status, requested_at);
