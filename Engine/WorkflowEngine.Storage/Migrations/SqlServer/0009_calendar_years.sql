-- A year's holiday arrangement (the State Council's notice) an administrator loaded: it stands over the calendar's
-- files from then on, on every start. recounted_at is set once every open application was counted again on it, so a
-- restart in the middle finishes the job.
CREATE TABLE calendar_years (
    calendar_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    year bigint NOT NULL,
    body nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    loaded_by nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
    loaded_at bigint NOT NULL,
    recounted_at bigint NULL,
    PRIMARY KEY (calendar_id, year)
);
