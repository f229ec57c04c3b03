-- Whether each stored open clock stands still (1) or runs (0): the late list puts a paused clock after the running ones
-- of its colour, since its due time does not run. The rows stored before are counted again at the next start (the
-- backfill row), so that a clock paused before the upgrade is not listed as running.
ALTER TABLE open_clocks ADD COLUMN paused integer NOT NULL DEFAULT 0;
INSERT INTO open_clocks_backfill (id) VALUES (1) ON CONFLICT (id) DO NOTHING;
