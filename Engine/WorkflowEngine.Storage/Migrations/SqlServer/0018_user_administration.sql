-- Administrators manage users and departments from the pages and the API. A disabled user cannot sign in, and keeps
-- their history (tasks decided, audit trails name them), so the row stays. A department's names edited by an
-- administrator stand over Definitions/departments.yaml at the next start; edited_at says which ones were.
ALTER TABLE users ADD disabled_at bigint NULL;
ALTER TABLE departments ADD edited_by nvarchar(128) COLLATE Latin1_General_100_BIN2 NULL, edited_at bigint NULL;

-- Every change an administrator makes to a user or a department: who, when, what (never a password). The id orders
-- changes of the same millisecond.
CREATE TABLE admin_audit (
    id bigint IDENTITY(1,1) NOT NULL PRIMARY KEY,
    at bigint NOT NULL,
    actor nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
    action nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
    target_kind nvarchar(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
    target_id nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
    detail nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL
);
CREATE INDEX ix_admin_audit_target ON admin_audit (target_kind, target_id, at);
