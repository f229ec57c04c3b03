-- A further supplement request (再次补正) waits for a supervisor's approval: how many requests went to the engine, the
-- requests for approval with their answers (JSON, oldest first), and since when one waits (the supervisors' list).
ALTER TABLE department_tasks ADD COLUMN supplement_requests bigint NOT NULL DEFAULT 0;
ALTER TABLE department_tasks ADD COLUMN supplement_approvals_json text;
ALTER TABLE department_tasks ADD COLUMN supplement_approval_asked_at bigint;
