-- The inbox is pruned of entries past their retention (Messaging:InboxRetention), oldest first: without an index on
-- when an entry was taken, each prune would read the whole table.
CREATE INDEX IF NOT EXISTS ix_inbox_processed_at ON inbox (processed_at);
