-- When a running step turns yellow and red against its statutory limit (法定时限), as its clock last read, beside the
-- promised limit's due_at and warn_at: the statistics count open steps on a card against either limit. The index that
-- holds only the open steps grows by them and by the dispatch time (grouping by month), so the counts still read no
-- table row unless grouped by service. A step open before this change gets them at its next event.
ALTER TABLE steps ADD COLUMN statutory_due_at INTEGER;
ALTER TABLE steps ADD COLUMN statutory_warn_at INTEGER;
DROP INDEX ix_steps_open;
CREATE INDEX ix_steps_open ON steps (department, due_at, warn_at, statutory_due_at, statutory_warn_at, dispatched_at) WHERE status IN ('dispatched', 'received', 'claimed');
