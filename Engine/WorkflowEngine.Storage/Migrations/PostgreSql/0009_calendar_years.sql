-- A year's holiday arrangement (the State Council's notice) an administrator loaded: it stands over the calendar's
-- files from then on, on every start. recounted_at is set once every open application was counted again on it, so a
-- restart in the middle finishes the job.
CREATE TABLE calendar_years (
    calendar_id text NOT NULL,
    year bigint NOT NULL,
    body text NOT NULL,
    loaded_by text NOT NULL,
    loaded_at bigint NOT NULL,
    recounted_at bigint,
    PRIMARY KEY (calendar_id, year)
);
