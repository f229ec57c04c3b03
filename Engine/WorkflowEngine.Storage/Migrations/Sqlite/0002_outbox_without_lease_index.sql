-- The relay gets the rows its own process commits in memory, leased to it, and polls the table only once a second
-- for the rest. The outbox holds only rows in flight, so that poll scans a few hundred rows at most; the index cost a
-- page write on every insert, lease and delete of every message.
DROP INDEX IF EXISTS ix_outbox_lease;
