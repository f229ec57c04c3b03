-- Escalation rules (StepEscalated, 升级督办): a task's queue priority (0 normal, 1 加急, 2 特急) and whether, since when
-- and why its department's supervisors supervise it.
ALTER TABLE department_tasks ADD priority int NOT NULL CONSTRAINT df_department_tasks_priority DEFAULT 0;
ALTER TABLE department_tasks ADD supervised_at bigint NULL;
ALTER TABLE department_tasks ADD supervised_because nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL;
