-- A department host's tables on SQL Server, as the whole set's migrations up to 0051 leave them, in one script (the
-- SQLite script of this folder says what they are; the whole set's 0001 why text is nvarchar with a _BIN2 collation).
-- The defaults the whole set added with a column keep the names it gave them. A later change to one of these tables is
-- written here too, as the next script of this folder (README, "Migrations"); DepartmentSchemaTests compares the two
-- sets where a SQL Server is configured, and every script here is parsed as T-SQL everywhere (SqlServerSyntaxTests).

CREATE TABLE department_tasks (
    id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    tracking_number nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    service_id nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    service_title nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    step_id nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    attempt bigint NOT NULL,
    department nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    title nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    status nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
    handler nvarchar(max) COLLATE Latin1_General_100_BIN2,
    automated int NOT NULL,
    dispatched_at bigint NOT NULL,
    due_at bigint NOT NULL,
    received_at bigint NOT NULL,
    claimed_by nvarchar(max) COLLATE Latin1_General_100_BIN2,
    claimed_at bigint,
    completed_by nvarchar(max) COLLATE Latin1_General_100_BIN2,
    completed_at bigint,
    outcome nvarchar(max) COLLATE Latin1_General_100_BIN2,
    reason nvarchar(max) COLLATE Latin1_General_100_BIN2,
    outputs_json nvarchar(max) COLLATE Latin1_General_100_BIN2,
    on_time int,
    payload_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    note nvarchar(max) COLLATE Latin1_General_100_BIN2,
    materials_json nvarchar(max) COLLATE Latin1_General_100_BIN2,
    due_revision bigint NOT NULL CONSTRAINT df_department_tasks_due_revision DEFAULT 0,
    clock_paused_at bigint NULL,
    clock_paused_because nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    warning nvarchar(16) COLLATE Latin1_General_100_BIN2 NULL,
    supplement_requested_at bigint NULL,
    supplement_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    supplement_supplied_at bigint NULL,
    supplement_requests bigint NOT NULL CONSTRAINT df_department_tasks_supplement_requests DEFAULT 0,
    supplement_approvals_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    supplement_approval_asked_at bigint NULL,
    priority int NOT NULL CONSTRAINT df_department_tasks_priority DEFAULT 0,
    supervised_at bigint NULL,
    supervised_because nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    commitment_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    clock_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    title_en nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    service_title_en nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    note_en nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    supervised_because_en nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    applicant_name nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    UNIQUE (application_id, step_id, attempt)
);
CREATE INDEX ix_tasks_open ON department_tasks (department, due_at) WHERE status IN ('open', 'claimed');
CREATE INDEX ix_tasks_department ON department_tasks (department, status, due_at);
CREATE INDEX ix_tasks_completed ON department_tasks (department, completed_at) WHERE status = 'completed';
CREATE INDEX ix_tasks_service ON department_tasks (department, service_id, status, due_at);
CREATE INDEX ix_tasks_tracking ON department_tasks (department, tracking_number);

CREATE TABLE department_task_events (
    task_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    seq int NOT NULL,
    occurred_at bigint NOT NULL,
    kind nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
    actor nvarchar(200) COLLATE Latin1_General_100_BIN2,
    detail nvarchar(max) COLLATE Latin1_General_100_BIN2,
    PRIMARY KEY (task_id, seq)
);

CREATE TABLE department_notices (
    id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    department nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    task_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    tracking_number nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    step_id nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    title nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    kind nvarchar(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
    message nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    due_at bigint NOT NULL,
    created_at bigint NOT NULL,
    message_en nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL,
    title_en nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL
);
CREATE INDEX ix_department_notices_department ON department_notices (department, created_at);

CREATE TABLE notice_reads (
    department nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    user_id nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
    read_until bigint NOT NULL,
    PRIMARY KEY (department, user_id)
);

CREATE TABLE extension_requests (
    id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    task_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    tracking_number nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    step_id nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    attempt bigint NOT NULL,
    department nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    title nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    working_days nvarchar(32) COLLATE Latin1_General_100_BIN2,
    working_hours nvarchar(32) COLLATE Latin1_General_100_BIN2,
    reason nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    requested_by nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    requested_at bigint NOT NULL,
    status nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
    decided_by nvarchar(max) COLLATE Latin1_General_100_BIN2,
    decided_at bigint,
    decision nvarchar(max) COLLATE Latin1_General_100_BIN2,
    title_en nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL
);
CREATE INDEX ix_extension_requests_task ON extension_requests (task_id);
CREATE INDEX ix_extension_requests_department ON extension_requests (department, status, requested_at);

CREATE TABLE department_forms (
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    form_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    received_at bigint NOT NULL
);

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

CREATE TABLE outbox (
    id bigint IDENTITY(1,1) NOT NULL PRIMARY KEY,
    message_id nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    destination nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    message_type nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    body nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    created_at bigint NOT NULL,
    attempts bigint NOT NULL DEFAULT 0,
    lease_owner nvarchar(max) COLLATE Latin1_General_100_BIN2,
    lease_until bigint NOT NULL DEFAULT 0,
    last_error nvarchar(max) COLLATE Latin1_General_100_BIN2
);

CREATE TABLE inbox (
    consumer nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    message_id nvarchar(300) COLLATE Latin1_General_100_BIN2 NOT NULL,
    processed_at bigint NOT NULL,
    PRIMARY KEY (consumer, message_id)
);
CREATE INDEX ix_inbox_processed_at ON inbox (processed_at);

CREATE TABLE failed_messages (
    id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    queue nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    message_id nvarchar(max) COLLATE Latin1_General_100_BIN2,
    message_type nvarchar(max) COLLATE Latin1_General_100_BIN2,
    body nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    error nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    failed_at bigint NOT NULL,
    replayed_at bigint,
    replayed_by nvarchar(max) COLLATE Latin1_General_100_BIN2,
    ignored int NOT NULL DEFAULT 0
);
CREATE INDEX ix_failed_messages_open ON failed_messages (failed_at) WHERE replayed_at IS NULL;

CREATE TABLE departments (
    code nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    name_zh nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    name_en nvarchar(max) COLLATE Latin1_General_100_BIN2,
    description nvarchar(max) COLLATE Latin1_General_100_BIN2,
    edited_by nvarchar(128) COLLATE Latin1_General_100_BIN2 NULL,
    edited_at bigint NULL
);

CREATE TABLE users (
    id nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    name nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    role nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    department nvarchar(max) COLLATE Latin1_General_100_BIN2,
    disabled_at bigint NULL
);

CREATE TABLE user_credentials (
    user_id nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    password_hash nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    security_stamp nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    failed_count bigint NOT NULL,
    locked_until bigint,
    changed_at bigint NOT NULL
);

CREATE TABLE sign_in_events (
    id bigint IDENTITY(1,1) NOT NULL PRIMARY KEY,
    at bigint NOT NULL,
    kind nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
    user_name nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    user_id nvarchar(128) COLLATE Latin1_General_100_BIN2,
    client_address nvarchar(64) COLLATE Latin1_General_100_BIN2,
    channel nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL
);
CREATE INDEX ix_sign_in_events_at ON sign_in_events (at);
CREATE INDEX ix_sign_in_events_user ON sign_in_events (user_id, at);
CREATE INDEX ix_sign_in_events_user_kind ON sign_in_events (user_id, kind, id);

CREATE TABLE unknown_sign_in_names (
    user_name nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    failures bigint NOT NULL,
    locked_until bigint,
    touched_at bigint NOT NULL
);
CREATE INDEX ix_unknown_sign_in_names_touched ON unknown_sign_in_names (touched_at);

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
