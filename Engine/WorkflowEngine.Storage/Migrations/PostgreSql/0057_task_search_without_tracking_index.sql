-- The desk's task search (the tracking number, its beginning or the applicant's name, in one OR) never reads
-- ix_tasks_tracking as a range: the name's arm (LIKE '%…%') can use no index, so the search scans the department's tasks
-- through an index that starts with the department, which it does as well without this one (SQLite's query plan:
-- ix_tasks_service instead). Every task dispatched wrote an entry into it for no reader. The same in the department set (0003).
DROP INDEX IF EXISTS ix_tasks_tracking;
