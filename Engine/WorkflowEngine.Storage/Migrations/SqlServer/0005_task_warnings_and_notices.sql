-- The engine's yellow and red cards (StepWarningRaised): the card a task shows, and the notices a red one leaves for
-- the department's supervisors.
ALTER TABLE department_tasks ADD warning nvarchar(16) COLLATE Latin1_General_100_BIN2 NULL;
CREATE TABLE department_notices (
    id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    department nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    task_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    tracking_number nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    step_id nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    title nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    kind nvarchar(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
    message nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    due_at bigint NOT NULL,
    created_at bigint NOT NULL
);
CREATE INDEX ix_department_notices_department ON department_notices (department, created_at);
