-- 一事一评: the applicant's rating of one decided department step of a bundle, given with the application's rating
-- (ratings), so that a department's satisfaction reflects its own work; same levels and reason rule, its own
-- follow-up (整改). One row per step: the key keeps it to one rating.
CREATE TABLE step_ratings (
    application_id text NOT NULL,
    step_id text NOT NULL,
    department text NOT NULL,
    title text NOT NULL,
    level integer NOT NULL,
    comment text,
    reason text,
    follow_up text,
    followed_up_by text,
    followed_up_at bigint,
    PRIMARY KEY (application_id, step_id)
);
CREATE INDEX ix_step_ratings_department ON step_ratings (department);
