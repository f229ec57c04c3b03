-- The engine's yellow and red cards (StepWarningRaised): the card a task shows, and the notices a red one leaves for
-- the department's supervisors.
ALTER TABLE department_tasks ADD COLUMN warning TEXT;
CREATE TABLE department_notices (
    id TEXT NOT NULL PRIMARY KEY,
    department TEXT NOT NULL,
    task_id TEXT NOT NULL,
    application_id TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    step_id TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX ix_department_notices_department ON department_notices (department, created_at);
