-- 一事一评: the applicant's rating of one decided department step of a bundle, given with the application's rating
-- (ratings), so that a department's satisfaction reflects its own work; same levels and reason rule, its own
-- follow-up (整改). One row per step: the key keeps it to one rating.
CREATE TABLE step_ratings (
    application_id TEXT NOT NULL,
    step_id TEXT NOT NULL,
    department TEXT NOT NULL,
    title TEXT NOT NULL,
    level INTEGER NOT NULL,
    comment TEXT,
    reason TEXT,
    follow_up TEXT,
    followed_up_by TEXT,
    followed_up_at INTEGER,
    PRIMARY KEY (application_id, step_id)
);
CREATE INDEX ix_step_ratings_department ON step_ratings (department);
