-- A tamper-evident audit trail: each line carries its place in its application's chain (seq) and its hash, which covers
-- the hash of the line before; the application keeps the length and head of its chain, so a deleted last line shows too.
-- Lines written before this migration get their hashes once, when the host starts (AuditChainBackfill).
ALTER TABLE audit_events ADD COLUMN seq INTEGER;
ALTER TABLE audit_events ADD COLUMN hash TEXT;
ALTER TABLE applications ADD COLUMN audit_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE applications ADD COLUMN audit_head TEXT;
