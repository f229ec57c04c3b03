-- A clerk's supplement request (补正) on a task, once per task, and when the applicant had supplied it all.
ALTER TABLE department_tasks ADD COLUMN supplement_requested_at INTEGER;
ALTER TABLE department_tasks ADD COLUMN supplement_json TEXT;
ALTER TABLE department_tasks ADD COLUMN supplement_supplied_at INTEGER;
