-- Who retired a definition version, and when: set once, by the change from published to retired.
ALTER TABLE definitions ADD COLUMN retired_at INTEGER;
ALTER TABLE definitions ADD COLUMN retired_by TEXT;
