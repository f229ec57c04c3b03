-- A department host's access log: who read which application's personal data there (a task's page, a downloaded
-- material), kept in its own database as one hash chain over the whole host, so that an edited, deleted, inserted or
-- reordered line — also the last — is found. The head row holds the number and hash of the last line; an append
-- takes it first (a row lock), so appenders follow one another.
CREATE TABLE department_access_log (
    seq bigint NOT NULL PRIMARY KEY,
    application_id text NOT NULL,
    department text,
    at bigint NOT NULL,
    actor text NOT NULL,
    what text NOT NULL,
    data_json text,
    hash text NOT NULL
);
CREATE INDEX ix_department_access_log_application ON department_access_log (application_id, seq);
CREATE TABLE department_access_head (
    id int NOT NULL PRIMARY KEY,
    seq bigint NOT NULL,
    hash text
);
INSERT INTO department_access_head (id, seq, hash) VALUES (1, 0, NULL);
