-- A clerk at the desk finds a task by what a citizen on the telephone reads out: the tracking number (the whole of it
-- or its beginning) or the applicant's name. The department keeps the name the engine sends with the step
-- (ExecuteStep.applicantName); tasks kept before take it from the step they were dispatched with, where it was given.
-- The number is found through an index that starts with the department, as the queue is always one department's.
-- A number is short (applications keep it in 64 characters); an index cannot hold an nvarchar(max) key.
ALTER TABLE department_tasks ALTER COLUMN tracking_number nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE department_tasks ADD applicant_name nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL;
GO
UPDATE department_tasks SET applicant_name = JSON_VALUE(payload_json, '$.applicantName')
WHERE ISJSON(payload_json) = 1 AND JSON_VALUE(payload_json, '$.applicantName') IS NOT NULL;
CREATE INDEX ix_tasks_tracking ON department_tasks (department, tracking_number);
