-- A further supplement request (再次补正) waits for a supervisor's approval: how many requests went to the engine, the
-- requests for approval with their answers (JSON, oldest first), and since when one waits (the supervisors' list).
ALTER TABLE department_tasks ADD supplement_requests bigint NOT NULL CONSTRAINT df_department_tasks_supplement_requests DEFAULT 0;
ALTER TABLE department_tasks ADD supplement_approvals_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE department_tasks ADD supplement_approval_asked_at bigint NULL;
