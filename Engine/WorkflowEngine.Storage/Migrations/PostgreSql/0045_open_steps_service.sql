-- The service of a step's application, kept on the step, and in the index that holds only the open steps: the
-- statistics count open steps by service (GET /api/stats/compliance?groupBy=service, the public dashboard) from that
-- index alone instead of looking up each open step's application. The engine writes it when it first writes the step;
-- an application's service never changes. Of the steps already written only the open ones get it here: only
-- they are read by service, and a year of finished steps is not rewritten in the migration's transaction.
ALTER TABLE steps ADD COLUMN service_id text;
UPDATE steps SET service_id = a.service_id FROM applications a WHERE a.id = steps.application_id AND steps.status IN ('dispatched', 'received', 'claimed');
DROP INDEX ix_steps_open;
CREATE INDEX ix_steps_open ON steps (department, due_at, warn_at, statutory_due_at, statutory_warn_at, dispatched_at, service_id) WHERE status IN ('dispatched', 'received', 'claimed');
