-- A clerk's requests for more time on a department task and the supervisor's answers (行政许可法 Art. 42). The amount
-- is kept as given, working days or office hours, as invariant decimal text.
CREATE TABLE extension_requests (
    id TEXT NOT NULL PRIMARY KEY,
    task_id TEXT NOT NULL,
    application_id TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    step_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    department TEXT NOT NULL,
    title TEXT NOT NULL,
    working_days TEXT,
    working_hours TEXT,
    reason TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at INTEGER NOT NULL,
    status TEXT NOT NULL,
    decided_by TEXT,
    decided_at INTEGER,
    decision TEXT
);
CREATE INDEX ix_extension_requests_task ON extension_requests (task_id);
CREATE INDEX ix_extension_requests_department ON extension_requests (department, status, requested_at);
