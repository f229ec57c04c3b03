-- Administrators manage users and departments from the pages and the API. A disabled user cannot sign in, and keeps
-- their history (tasks decided, audit trails name them), so the row stays. A department's names edited by an
-- administrator stand over Definitions/departments.yaml at the next start; edited_at says which ones were.
ALTER TABLE users ADD COLUMN disabled_at INTEGER;
ALTER TABLE departments ADD COLUMN edited_by TEXT;
ALTER TABLE departments ADD COLUMN edited_at INTEGER;

-- Every change an administrator makes to a user or a department: who, when, what (never a password). The id orders
-- changes of the same millisecond.
CREATE TABLE admin_audit (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX ix_admin_audit_target ON admin_audit (target_kind, target_id, at);
