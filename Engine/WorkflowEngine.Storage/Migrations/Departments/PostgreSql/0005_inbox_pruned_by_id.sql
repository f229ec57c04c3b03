-- The inbox is written at every commit that consumes a message, and each entry went into two b-trees: the key
-- (consumer, message_id) that refuses a redelivery, and ix_inbox_processed_at, read only by the prune of entries past
-- their retention (0.86 of a bundle's ~17 log pages on SQLite). Message ids written by the outboxes are version-7 UUIDs:
-- their text sorts by the millisecond they were made, so an entry whose id was made within an hour of its processing
-- (pruned_by_id = 1, set on insert by InboxSql) is found by the prune in its consumer's range of the key, ids made before
-- the retention's start, and needs no second index. Every other entry (a department system's own ids, a message
-- replayed days after it was made, the rows already here: 0) stays in ix_inbox_processed_at, now partial. The prune
-- still deletes only entries processed before the retention's start (processed_at < @Before), whichever way it found
-- them: the window a redelivery is refused in does not shrink. Queries name the index's condition literally: SQLite
-- uses a partial index only when the WHERE contains it, SQL Server a filtered index only for a literal.
ALTER TABLE inbox ADD COLUMN pruned_by_id integer NOT NULL DEFAULT 0;
DROP INDEX IF EXISTS ix_inbox_processed_at;
CREATE INDEX ix_inbox_processed_at ON inbox (processed_at) WHERE pruned_by_id = 0;
