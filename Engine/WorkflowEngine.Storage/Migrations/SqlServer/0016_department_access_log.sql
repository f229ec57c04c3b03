-- A department host's access log: who read which application's personal data there (a task's page, a downloaded
-- material), kept in its own database as one hash chain over the whole host, so that an edited, deleted, inserted or
-- reordered line — also the last — is found. The head row holds the number and hash of the last line; an append
-- takes it first (a row lock), so appenders follow one another.
CREATE TABLE department_access_log (
    seq bigint NOT NULL PRIMARY KEY,
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    department nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
    at bigint NOT NULL,
    actor nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    what nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    data_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    hash nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL
);
CREATE INDEX ix_department_access_log_application ON department_access_log (application_id, seq);
CREATE TABLE department_access_head (
    id int NOT NULL PRIMARY KEY,
    seq bigint NOT NULL,
    hash nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL
);
INSERT INTO department_access_head (id, seq, hash) VALUES (1, 0, NULL);
