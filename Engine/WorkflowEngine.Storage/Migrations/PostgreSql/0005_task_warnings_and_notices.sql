-- The engine's yellow and red cards (StepWarningRaised): the card a task shows, and the notices a red one leaves for
-- the department's supervisors.
ALTER TABLE department_tasks ADD COLUMN warning text;
CREATE TABLE department_notices (
    id text NOT NULL PRIMARY KEY,
    department text NOT NULL,
    task_id text NOT NULL,
    application_id text NOT NULL,
    tracking_number text NOT NULL,
    step_id text NOT NULL,
    title text NOT NULL,
    kind text NOT NULL,
    message text NOT NULL,
    due_at bigint NOT NULL,
    created_at bigint NOT NULL
);
CREATE INDEX ix_department_notices_department ON department_notices (department, created_at);
