-- Escalation rules (StepEscalated, 升级督办): a task's queue priority (0 normal, 1 加急, 2 特急) and whether, since when
-- and why its department's supervisors supervise it.
ALTER TABLE department_tasks ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
ALTER TABLE department_tasks ADD COLUMN supervised_at INTEGER;
ALTER TABLE department_tasks ADD COLUMN supervised_because TEXT;
