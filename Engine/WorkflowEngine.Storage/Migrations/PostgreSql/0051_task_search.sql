-- A clerk at the desk finds a task by what a citizen on the telephone reads out: the tracking number (the whole of it
-- or its beginning) or the applicant's name. The department keeps the name the engine sends with the step
-- (ExecuteStep.applicantName); tasks kept before take it from the step they were dispatched with, where it was given.
-- The number is found through an index that starts with the department, as the queue is always one department's.
ALTER TABLE department_tasks ADD COLUMN applicant_name text;
UPDATE department_tasks SET applicant_name = payload_json::jsonb ->> 'applicantName'
WHERE payload_json LIKE '%"applicantName"%';
CREATE INDEX ix_tasks_tracking ON department_tasks (department, tracking_number);
