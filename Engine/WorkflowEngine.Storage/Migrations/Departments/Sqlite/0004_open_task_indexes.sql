-- The queue's indexes hold open tasks only. ix_tasks_department and ix_tasks_service held every task a department ever
-- had, so each task decided (and each automated one, inserted decided) wrote an entry into both at its department's end:
-- two of a bundle's ~19 log pages, for entries no queue reads. Decided tasks are read through indexes of their own:
-- completed ones newest first through ix_tasks_completed (which now carries the service too, so that the history
-- filtered by service and its count are decided from the index entry), withdrawn ones through ix_tasks_cancelled
-- (written only when a step is withdrawn). The queries name each index's condition literally (SqlTaskQueries): SQLite
-- uses a partial index only when the query's WHERE contains its condition, and the "all" list and the search read the
-- three sets as one OR. The same in the engine's set (SQLite 0074, PostgreSQL and SQL Server 0067).
-- ix_tasks_open (department, due_at) over the same open tasks goes too: (department, status, due_at) answers each
-- of its queries as well (SQLite's plans chose it for all of them), and an update of an open task rewrote both.
DROP INDEX IF EXISTS ix_tasks_open;
DROP INDEX IF EXISTS ix_tasks_department;
DROP INDEX IF EXISTS ix_tasks_service;
DROP INDEX IF EXISTS ix_tasks_completed;
CREATE INDEX ix_tasks_department ON department_tasks (department, status, due_at) WHERE status IN ('open', 'claimed');
CREATE INDEX ix_tasks_service ON department_tasks (department, service_id, status, due_at) WHERE status IN ('open', 'claimed');
CREATE INDEX ix_tasks_completed ON department_tasks (department, completed_at, service_id) WHERE status = 'completed';
CREATE INDEX ix_tasks_cancelled ON department_tasks (department, dispatched_at) WHERE status = 'cancelled';
