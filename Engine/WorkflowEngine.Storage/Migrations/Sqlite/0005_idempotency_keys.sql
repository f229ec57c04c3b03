-- A submission may carry the applicant's Idempotency-Key; a retry with the same key finds the application the first
-- attempt made, by this index, which also refuses a second application under one key when two processes race. Rows
-- without a key (most) stay out of the index, so ordinary submissions write no extra b-tree page.
ALTER TABLE applications ADD COLUMN idempotency_key TEXT;
ALTER TABLE applications ADD COLUMN request_sha256 TEXT;
CREATE UNIQUE INDEX ux_applications_idempotency ON applications (applicant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
