-- The engine's schema. Instants are Unix milliseconds, flags 0/1, ids text: the same in every dialect.

CREATE TABLE definitions (
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    status TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    errors_json TEXT NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL,
    created_by TEXT,
    published_at INTEGER,
    published_by TEXT,
    PRIMARY KEY (id, version)
);

CREATE TABLE applications (
    id TEXT NOT NULL PRIMARY KEY,
    tracking_number TEXT NOT NULL UNIQUE,
    service_id TEXT NOT NULL,
    service_version INTEGER NOT NULL,
    applicant_id TEXT NOT NULL,
    applicant_name TEXT,
    status TEXT NOT NULL,
    form_json TEXT NOT NULL,
    state_json TEXT NOT NULL,
    version INTEGER NOT NULL,
    submitted_at INTEGER NOT NULL,
    accepted_at INTEGER,
    due_at INTEGER,
    statutory_due_at INTEGER,
    completed_at INTEGER,
    on_time INTEGER,
    reason TEXT
);
CREATE INDEX ix_applications_applicant ON applications (applicant_id, submitted_at);
CREATE INDEX ix_applications_service ON applications (service_id, status);

CREATE TABLE steps (
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
);
CREATE INDEX ix_steps_department ON steps (department, completed_at);

CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,
    application_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    type TEXT NOT NULL,
    step_id TEXT,
    actor TEXT,
    data_json TEXT
);
CREATE INDEX ix_audit_application ON audit_events (application_id, id);

CREATE TABLE timers (
    application_id TEXT NOT NULL,
    timer_id TEXT NOT NULL,
    node_id TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    lease_owner TEXT,
    lease_until INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (application_id, timer_id)
);
CREATE INDEX ix_timers_due ON timers (due_at);

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
CREATE INDEX ix_outbox_lease ON outbox (lease_until, id);

CREATE TABLE inbox (
    consumer TEXT NOT NULL,
    message_id TEXT NOT NULL,
    processed_at INTEGER NOT NULL,
    PRIMARY KEY (consumer, message_id)
) WITHOUT ROWID;

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
    UNIQUE (application_id, step_id, attempt)
);
-- The clerk's queue: open tasks of a department by due time.
CREATE INDEX ix_tasks_open ON department_tasks (department, due_at) WHERE status IN ('open', 'claimed');
CREATE INDEX ix_tasks_department ON department_tasks (department, status, due_at);

CREATE TABLE materials (
    id TEXT NOT NULL PRIMARY KEY,
    application_id TEXT NOT NULL,
    material_key TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL
);
CREATE INDEX ix_materials_application ON materials (application_id);

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    application_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX ix_notifications_application ON notifications (application_id, id);

CREATE TABLE certificates (
    id INTEGER PRIMARY KEY,
    application_id TEXT NOT NULL,
    step_id TEXT NOT NULL,
    name TEXT NOT NULL,
    from_step TEXT NOT NULL,
    details_json TEXT NOT NULL,
    issued_at INTEGER NOT NULL
);
CREATE INDEX ix_certificates_application ON certificates (application_id);

CREATE TABLE departments (
    code TEXT NOT NULL PRIMARY KEY,
    name_zh TEXT NOT NULL,
    name_en TEXT,
    description TEXT
);

CREATE TABLE users (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    department TEXT
);
