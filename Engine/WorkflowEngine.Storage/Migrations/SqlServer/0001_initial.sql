-- The engine's schema on SQL Server: the SQLite schema as its migrations 0001-0008 leave it, in one script. Instants are
-- Unix milliseconds (bigint), flags 0/1 (int), ids text: the same in every dialect. Text is nvarchar (Unicode),
-- compared and ordered by code point (a _BIN2 collation) as the other databases do, not case-insensitively as SQL
-- Server would by default; identifiers and keys are bounded, so that they can be indexed. The comments of the SQLite
-- migrations say why each table and index is there; what differs here is said where it differs.

CREATE TABLE definitions (
    id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    version bigint NOT NULL,
    status nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
    title nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    source nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    sha256 nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    errors_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL DEFAULT N'[]',
    created_at bigint NOT NULL,
    created_by nvarchar(max) COLLATE Latin1_General_100_BIN2,
    published_at bigint,
    published_by nvarchar(max) COLLATE Latin1_General_100_BIN2,
    PRIMARY KEY (id, version)
);

CREATE TABLE applications (
    id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    tracking_number nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL UNIQUE,
    service_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    service_version bigint NOT NULL,
    applicant_id nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
    applicant_name nvarchar(max) COLLATE Latin1_General_100_BIN2,
    status nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
    form_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    state_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    version bigint NOT NULL,
    submitted_at bigint NOT NULL,
    accepted_at bigint,
    due_at bigint,
    statutory_due_at bigint,
    completed_at bigint,
    on_time int,
    reason nvarchar(max) COLLATE Latin1_General_100_BIN2,
    idempotency_key nvarchar(100) COLLATE Latin1_General_100_BIN2,
    request_sha256 nvarchar(max) COLLATE Latin1_General_100_BIN2,
    audit_seq bigint NOT NULL DEFAULT 0,
    audit_head nvarchar(max) COLLATE Latin1_General_100_BIN2
);
CREATE INDEX ix_applications_applicant ON applications (applicant_id, submitted_at);
CREATE UNIQUE INDEX ux_applications_idempotency ON applications (applicant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE steps (
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    step_id nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    kind nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    department nvarchar(64) COLLATE Latin1_General_100_BIN2,
    title nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    status nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
    attempt bigint NOT NULL,
    dispatched_at bigint,
    due_at bigint,
    claimed_by nvarchar(max) COLLATE Latin1_General_100_BIN2,
    claimed_at bigint,
    completed_at bigint,
    on_time int,
    outcome nvarchar(max) COLLATE Latin1_General_100_BIN2,
    reason nvarchar(max) COLLATE Latin1_General_100_BIN2,
    outputs_json nvarchar(max) COLLATE Latin1_General_100_BIN2,
    received_at bigint,
    last_contact_at bigint,
    PRIMARY KEY (application_id, step_id)
);
-- Several engine processes share this database, so none can follow the waiting steps in memory as the SQLite host
-- does: the stuck-work check finds them by this index, which holds only them.
CREATE INDEX ix_steps_waiting ON steps (status, last_contact_at) WHERE status IN ('dispatched', 'received', 'claimed');

CREATE TABLE audit_events (
    id bigint IDENTITY(1,1) NOT NULL PRIMARY KEY,
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    at bigint NOT NULL,
    type nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    step_id nvarchar(max) COLLATE Latin1_General_100_BIN2,
    actor nvarchar(max) COLLATE Latin1_General_100_BIN2,
    data_json nvarchar(max) COLLATE Latin1_General_100_BIN2,
    seq bigint,
    hash nvarchar(max) COLLATE Latin1_General_100_BIN2
);
CREATE INDEX ix_audit_application ON audit_events (application_id, id);

CREATE TABLE timers (
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    timer_id nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    node_id nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    due_at bigint NOT NULL,
    lease_owner nvarchar(max) COLLATE Latin1_General_100_BIN2,
    lease_until bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (application_id, timer_id)
);
CREATE INDEX ix_timers_due ON timers (due_at);

-- No index on the lease: the table holds only rows in flight (see the SQLite migration 0002).
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

CREATE TABLE department_tasks (
    id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    tracking_number nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
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
    UNIQUE (application_id, step_id, attempt)
);
CREATE INDEX ix_tasks_open ON department_tasks (department, due_at) WHERE status IN ('open', 'claimed');
CREATE INDEX ix_tasks_department ON department_tasks (department, status, due_at);

CREATE TABLE department_forms (
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    form_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    received_at bigint NOT NULL
);

CREATE TABLE materials (
    id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    material_key nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    file_name nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    content_type nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    size bigint NOT NULL,
    sha256 nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    uploaded_at bigint NOT NULL,
    version bigint NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX ix_materials_version ON materials (application_id, material_key, version);

CREATE TABLE notifications (
    id bigint IDENTITY(1,1) NOT NULL PRIMARY KEY,
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    at bigint NOT NULL,
    kind nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    message nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL
);
CREATE INDEX ix_notifications_application ON notifications (application_id, id);

CREATE TABLE certificates (
    id bigint IDENTITY(1,1) NOT NULL PRIMARY KEY,
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    step_id nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    name nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    from_step nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    details_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    issued_at bigint NOT NULL
);
CREATE INDEX ix_certificates_application ON certificates (application_id);

CREATE TABLE incidents (
    id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    status nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
    step_id nvarchar(max) COLLATE Latin1_General_100_BIN2,
    error nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    error_type nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    raised_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    attempts bigint NOT NULL,
    events_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    resolved_at bigint,
    resolved_by nvarchar(max) COLLATE Latin1_General_100_BIN2,
    resolution nvarchar(max) COLLATE Latin1_General_100_BIN2
);
CREATE INDEX ix_incidents_application ON incidents (application_id, status);
CREATE INDEX ix_incidents_open ON incidents (raised_at) WHERE status = 'open';

CREATE TABLE failed_messages (
    id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    queue nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    message_id nvarchar(max) COLLATE Latin1_General_100_BIN2,
    message_type nvarchar(max) COLLATE Latin1_General_100_BIN2,
    body nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    error nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    failed_at bigint NOT NULL,
    replayed_at bigint,
    replayed_by nvarchar(max) COLLATE Latin1_General_100_BIN2
);
CREATE INDEX ix_failed_messages_open ON failed_messages (failed_at) WHERE replayed_at IS NULL;

CREATE TABLE departments (
    code nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    name_zh nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    name_en nvarchar(max) COLLATE Latin1_General_100_BIN2,
    description nvarchar(max) COLLATE Latin1_General_100_BIN2
);

CREATE TABLE users (
    id nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    name nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    role nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    department nvarchar(max) COLLATE Latin1_General_100_BIN2
);
