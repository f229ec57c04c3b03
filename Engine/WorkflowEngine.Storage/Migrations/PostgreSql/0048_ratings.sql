-- 好差评: the applicant's one rating of an ended application (1 非常不满意 … 5 非常满意), a reason for 1 and 2, and the
-- administrator's follow-up (整改) of such a bad one. One row per application: the key keeps it to one rating.
CREATE TABLE ratings (
    application_id text NOT NULL PRIMARY KEY,
    tracking_number text NOT NULL,
    service_id text NOT NULL,
    level integer NOT NULL,
    comment text,
    reason text,
    rated_by text NOT NULL,
    on_behalf_of text,
    rated_at bigint NOT NULL,
    follow_up text,
    followed_up_by text,
    followed_up_at bigint
);
CREATE INDEX ix_ratings_rated_at ON ratings (rated_at);

-- The departments whose steps the rated application went through, so that each department's satisfaction counts it.
CREATE TABLE rating_departments (
    application_id text NOT NULL,
    department text NOT NULL,
    PRIMARY KEY (application_id, department)
);
CREATE INDEX ix_rating_departments_department ON rating_departments (department);
