-- A clerk's supplement request (补正) on a task, once per task, and when the applicant had supplied it all.
ALTER TABLE department_tasks ADD COLUMN supplement_requested_at bigint;
ALTER TABLE department_tasks ADD COLUMN supplement_json text;
ALTER TABLE department_tasks ADD COLUMN supplement_supplied_at bigint;
