-- 一事一评: the applicant's rating of one decided department step of a bundle, given with the application's rating
-- (ratings), so that a department's satisfaction reflects its own work; same levels and reason rule, its own
-- follow-up (整改). One row per step: the key keeps it to one rating.
CREATE TABLE step_ratings (
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    step_id nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    department nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    title nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    level int NOT NULL,
    comment nvarchar(max) NULL,
    reason nvarchar(max) NULL,
    follow_up nvarchar(max) NULL,
    followed_up_by nvarchar(128) COLLATE Latin1_General_100_BIN2 NULL,
    followed_up_at bigint NULL,
    PRIMARY KEY (application_id, step_id)
);
CREATE INDEX ix_step_ratings_department ON step_ratings (department);
