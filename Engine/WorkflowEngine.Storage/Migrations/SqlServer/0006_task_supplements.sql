-- A clerk's supplement request (补正) on a task, once per task, and when the applicant had supplied it all.
ALTER TABLE department_tasks ADD supplement_requested_at bigint NULL;
ALTER TABLE department_tasks ADD supplement_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE department_tasks ADD supplement_supplied_at bigint NULL;
