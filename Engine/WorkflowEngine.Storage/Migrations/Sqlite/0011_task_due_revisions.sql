-- The engine announces a step's moved due time (StepDueChanged): the department keeps the newest announcement
-- (due_revision), and while the step's clock stands still, since when and why.
ALTER TABLE department_tasks ADD COLUMN due_revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE department_tasks ADD COLUMN clock_paused_at INTEGER;
ALTER TABLE department_tasks ADD COLUMN clock_paused_because TEXT;
