-- A department host's tables, as the whole set's migrations up to 0058 leave them, in one script: its tasks and their
-- history, notices, requests for more time, the forms it keeps per application, the access log, the outbox of its
-- reports, the inbox, failed messages, and the departments and users its clerks sign in with. Nothing of the engine
-- (applications, steps, timers, audit, statistics). The comments of the whole set's migrations say why each table and
-- index is there. A later change to one of these tables is written here too, as the next script of this folder
-- (README, "Migrations"); DepartmentSchemaTests compares the two sets.

CREATE TABLE department_tasks (
    id TEXT NOT NULL PRIMARY KEY,
    application_id TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    service_id TEXT NOT NULL,
    service_title TEXT NOT NULL,
    step_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    department TEXT NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    handler TEXT,
    automated INTEGER NOT NULL,
    dispatched_at INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    claimed_by TEXT,
    claimed_at INTEGER,
    completed_by TEXT,
    completed_at INTEGER,
    outcome TEXT,
    reason TEXT,
    outputs_json TEXT,
    on_time INTEGER,
    payload_json TEXT NOT NULL,
    note TEXT,
    materials_json TEXT,
    due_revision INTEGER NOT NULL DEFAULT 0,
    clock_paused_at INTEGER,
    clock_paused_because TEXT,
    warning TEXT,
    supplement_requested_at INTEGER,
    supplement_json TEXT,
    supplement_supplied_at INTEGER,
    supplement_requests INTEGER NOT NULL DEFAULT 0,
    supplement_approvals_json TEXT,
    supplement_approval_asked_at INTEGER,
    priority INTEGER NOT NULL DEFAULT 0,
    supervised_at INTEGER,
    supervised_because TEXT,
    commitment_json TEXT,
    clock_json TEXT,
    title_en TEXT,
    service_title_en TEXT,
    note_en TEXT,
    supervised_because_en TEXT,
    applicant_name TEXT,
    UNIQUE (application_id, step_id, attempt)
);
CREATE INDEX ix_tasks_open ON department_tasks (department, due_at) WHERE status IN ('open', 'claimed');
CREATE INDEX ix_tasks_department ON department_tasks (department, status, due_at);
CREATE INDEX ix_tasks_completed ON department_tasks (department, completed_at) WHERE status = 'completed';
CREATE INDEX ix_tasks_service ON department_tasks (department, service_id, status, due_at);
CREATE INDEX ix_tasks_tracking ON department_tasks (department, tracking_number);

CREATE TABLE department_task_events (
    task_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    occurred_at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT,
    detail TEXT,
    PRIMARY KEY (task_id, seq)
) WITHOUT ROWID;

CREATE TABLE department_notices (
    id TEXT NOT NULL PRIMARY KEY,
    department TEXT NOT NULL,
    task_id TEXT NOT NULL,
    application_id TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    step_id TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    message_en TEXT,
    title_en TEXT
);
CREATE INDEX ix_department_notices_department ON department_notices (department, created_at);

CREATE TABLE notice_reads (
    department TEXT NOT NULL,
    user_id TEXT NOT NULL,
    read_until INTEGER NOT NULL,
    PRIMARY KEY (department, user_id)
);

CREATE TABLE extension_requests (
    id TEXT NOT NULL PRIMARY KEY,
    task_id TEXT NOT NULL,
    application_id TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    step_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    department TEXT NOT NULL,
    title TEXT NOT NULL,
    working_days TEXT,
    working_hours TEXT,
    reason TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at INTEGER NOT NULL,
    status TEXT NOT NULL,
    decided_by TEXT,
    decided_at INTEGER,
    decision TEXT,
    title_en TEXT
);
CREATE INDEX ix_extension_requests_task ON extension_requests (task_id);
CREATE INDEX ix_extension_requests_department ON extension_requests (department, status, requested_at);

CREATE TABLE department_forms (
    application_id TEXT NOT NULL PRIMARY KEY,
    form_json TEXT NOT NULL,
    received_at INTEGER NOT NULL
) WITHOUT ROWID;

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

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL,
    destination TEXT NOT NULL,
    message_type TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_until INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);

CREATE TABLE inbox (
    consumer TEXT NOT NULL,
    message_id TEXT NOT NULL,
    processed_at INTEGER NOT NULL,
    PRIMARY KEY (consumer, message_id)
) WITHOUT ROWID;
CREATE INDEX ix_inbox_processed_at ON inbox (processed_at);

CREATE TABLE failed_messages (
    id TEXT NOT NULL PRIMARY KEY,
    queue TEXT NOT NULL,
    message_id TEXT,
    message_type TEXT,
    body TEXT NOT NULL,
    error TEXT NOT NULL,
    failed_at INTEGER NOT NULL,
    replayed_at INTEGER,
    replayed_by TEXT,
    ignored INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_failed_messages_open ON failed_messages (failed_at) WHERE replayed_at IS NULL;

CREATE TABLE departments (
    code TEXT NOT NULL PRIMARY KEY,
    name_zh TEXT NOT NULL,
    name_en TEXT,
    description TEXT,
    edited_by TEXT,
    edited_at INTEGER
);

CREATE TABLE users (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    department TEXT,
    disabled_at INTEGER
);

CREATE TABLE user_credentials (
    user_id TEXT NOT NULL PRIMARY KEY,
    password_hash TEXT NOT NULL,
    security_stamp TEXT NOT NULL,
    failed_count INTEGER NOT NULL,
    locked_until INTEGER,
    changed_at INTEGER NOT NULL
);

CREATE TABLE sign_in_events (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    user_name TEXT NOT NULL,
    user_id TEXT,
    client_address TEXT,
    channel TEXT NOT NULL
);
CREATE INDEX ix_sign_in_events_at ON sign_in_events (at);
CREATE INDEX ix_sign_in_events_user ON sign_in_events (user_id, at);
CREATE INDEX ix_sign_in_events_user_kind ON sign_in_events (user_id, kind, id);

CREATE TABLE unknown_sign_in_names (
    user_name TEXT NOT NULL PRIMARY KEY,
    failures INTEGER NOT NULL,
    locked_until INTEGER,
    touched_at INTEGER NOT NULL
);
CREATE INDEX ix_unknown_sign_in_names_touched ON unknown_sign_in_names (touched_at);

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
