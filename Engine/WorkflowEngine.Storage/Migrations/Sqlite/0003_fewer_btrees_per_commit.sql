-- Every index is a b-tree each commit writes a page of: with group commit, a commit writes about 70 pages of 16 KB, one
-- or more per b-tree it touches. These two served no query: the department compliance figures of a later release
-- bring the index their queries need.
DROP INDEX IF EXISTS ix_steps_department;
DROP INDEX IF EXISTS ix_applications_service;

-- Steps are only ever found by their key, so they are stored in the key's b-tree: a rowid table kept a second b-tree
-- for the key, written at every step change.
CREATE TABLE steps_by_key (
    application_id TEXT NOT NULL,
    step_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    department TEXT,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    dispatched_at INTEGER,
    due_at INTEGER,
    claimed_by TEXT,
    claimed_at INTEGER,
    completed_at INTEGER,
    on_time INTEGER,
    outcome TEXT,
    reason TEXT,
    outputs_json TEXT,
    PRIMARY KEY (application_id, step_id)
) WITHOUT ROWID;
INSERT INTO steps_by_key (application_id, step_id, kind, department, title, status, attempt, dispatched_at, due_at, claimed_by,
    claimed_at, completed_at, on_time, outcome, reason, outputs_json)
SELECT application_id, step_id, kind, department, title, status, attempt, dispatched_at, due_at, claimed_by,
    claimed_at, completed_at, on_time, outcome, reason, outputs_json
FROM steps;
DROP TABLE steps;
ALTER TABLE steps_by_key RENAME TO steps;
