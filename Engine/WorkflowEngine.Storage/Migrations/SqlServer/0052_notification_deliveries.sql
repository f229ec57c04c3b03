-- Messages to applicants by e-mail or SMS: written in the engine's transaction with the notification they carry (an
-- outbox), sent by the notification relay. A row stays after it is sent or failed for good: the administrator's list
-- of failed messages reads it, and a row is never sent twice by two relays (leased like the outbox: lease_until is
-- also when a failed attempt is tried again). The status is short, so that the index can hold it.
CREATE TABLE notification_deliveries (
    id bigint IDENTITY(1,1) NOT NULL PRIMARY KEY,
    application_id nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    tracking_number nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    kind nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    channel nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    recipient nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    subject nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    body nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    created_at bigint NOT NULL,
    status nvarchar(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
    attempts bigint NOT NULL DEFAULT 0,
    lease_owner nvarchar(max) COLLATE Latin1_General_100_BIN2,
    lease_until bigint NOT NULL DEFAULT 0,
    last_error nvarchar(max) COLLATE Latin1_General_100_BIN2,
    finished_at bigint
);
CREATE INDEX ix_notification_deliveries_due ON notification_deliveries (status, lease_until, id);
