-- A department host keeps each application's combined form once, not once per task: a department carrying out several
-- steps of one application held one copy of the form per step. (The all-in-one host keeps none here: the engine's
-- copy in the same database is the only one.)
CREATE TABLE department_forms (
    application_id TEXT NOT NULL PRIMARY KEY,
    form_json TEXT NOT NULL,
    received_at INTEGER NOT NULL
) WITHOUT ROWID;
