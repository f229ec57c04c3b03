-- The calendar the engine dispatched a task on and the pauses of its clock that ended (JSON), so that the department
-- reports the working time its step's clock ran and stood still, counted as the engine counts it.
ALTER TABLE department_tasks ADD COLUMN clock_json TEXT;
