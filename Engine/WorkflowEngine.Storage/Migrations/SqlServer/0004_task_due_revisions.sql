-- The engine announces a step's moved due time (StepDueChanged): the department keeps the newest announcement
-- (due_revision), and while the step's clock stands still, since when and why.
ALTER TABLE department_tasks ADD due_revision bigint NOT NULL CONSTRAINT df_department_tasks_due_revision DEFAULT 0;
ALTER TABLE department_tasks ADD clock_paused_at bigint NULL;
ALTER TABLE department_tasks ADD clock_paused_because nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL;
