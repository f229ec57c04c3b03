-- The clerk's queue a page at a time: decided tasks newest first come from their own partial index (a department's
-- history grows without end, and must not be sorted whole for each page); the service filter, and the list of services
-- to filter by, from an index that starts with the department and the service.
CREATE INDEX ix_tasks_completed ON department_tasks (department, completed_at) WHERE status = 'completed';
CREATE INDEX ix_tasks_service ON department_tasks (department, service_id, status, due_at);

-- A task's history (办理记录) as its department keeps it, beside the task: every claim, release, reassignment,
-- supplement round, excluded period and decision, in order (seq counts each task's events from 1), with who and when.
-- A department host reads its own history here; it never reads the engine's audit trail.
CREATE TABLE department_task_events (
    task_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    seq int NOT NULL,
    occurred_at bigint NOT NULL,
    kind nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
    actor nvarchar(200) COLLATE Latin1_General_100_BIN2,
    detail nvarchar(max) COLLATE Latin1_General_100_BIN2,
    PRIMARY KEY (task_id, seq)
);
