-- A year's holiday arrangement (the State Council's notice) an administrator loaded: it stands over the calendar's
-- files from then on, on every start. recounted_at is set once every open application was counted again on it, so a
-- restart in the middle finishes the job.
CREATE TABLE calendar_years (
    calendar_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    body TEXT NOT NULL,
    loaded_by TEXT NOT NULL,
    loaded_at INTEGER NOT NULL,
    recounted_at INTEGER,
    PRIMARY KEY (calendar_id, year)
);
