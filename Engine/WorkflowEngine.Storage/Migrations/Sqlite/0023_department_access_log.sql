-- A department host's access log: who read which application's personal data there (a task's page, a downloaded
-- material), kept in its own database as one hash chain over the whole host, so that an edited, deleted, inserted or
-- reordered line — also the last — is found. The head row holds the number and hash of the last line; an append
-- takes it first, so appenders follow one another.
CREATE TABLE department_access_log (
    seq INTEGER NOT NULL PRIMARY KEY,
    application_id TEXT NOT NULL,
    department TEXT,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    what TEXT NOT NULL,
    data_json TEXT,
    hash TEXT NOT NULL
);
CREATE INDEX ix_department_access_log_application ON department_access_log (application_id, seq);
CREATE TABLE department_access_head (
    id INTEGER NOT NULL PRIMARY KEY,
    seq INTEGER NOT NULL,
    hash TEXT
);
INSERT INTO department_access_head (id, seq, hash) VALUES (1, 0, NULL);
