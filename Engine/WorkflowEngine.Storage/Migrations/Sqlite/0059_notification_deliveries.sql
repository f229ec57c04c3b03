-- Messages to applicants by e-mail or SMS: written in the engine's transaction with the notification they carry (an
-- outbox), sent by the notification relay. A row stays after it is sent or failed for good: the administrator's list
-- of failed messages reads it, and a row is never sent twice by two relays (leased like the outbox: lease_until is
-- also when a failed attempt is tried again).
CREATE TABLE notification_deliveries (
    id INTEGER PRIMARY KEY,
    application_id TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_until INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    finished_at INTEGER
);
CREATE INDEX ix_notification_deliveries_due ON notification_deliveries (status, lease_until, id);
