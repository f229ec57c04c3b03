-- 好差评: the applicant's one rating of an ended application (1 非常不满意 … 5 非常满意), a reason for 1 and 2, and the
-- administrator's follow-up (整改) of such a bad one. One row per application: the key keeps it to one rating.
CREATE TABLE ratings (
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    tracking_number nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    service_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    level int NOT NULL,
    comment nvarchar(max) NULL,
    reason nvarchar(max) NULL,
    rated_by nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
    on_behalf_of nvarchar(max) NULL,
    rated_at bigint NOT NULL,
    follow_up nvarchar(max) NULL,
    followed_up_by nvarchar(128) COLLATE Latin1_General_100_BIN2 NULL,
    followed_up_at bigint NULL
);
CREATE INDEX ix_ratings_rated_at ON ratings (rated_at);

-- The departments whose steps the rated application went through, so that each department's satisfaction counts it.
CREATE TABLE rating_departments (
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    department nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    PRIMARY KEY (application_id, department)
);
CREATE INDEX ix_rating_departments_department ON rating_departments (department);
