-- 好差评: the applicant's one rating of an ended application (1 非常不满意 … 5 非常满意), a reason for 1 and 2, and the
-- administrator's follow-up (整改) of such a bad one. One row per application: the key keeps it to one rating.
CREATE TABLE ratings (
    application_id TEXT NOT NULL PRIMARY KEY,
    tracking_number TEXT NOT NULL,
    service_id TEXT NOT NULL,
    level INTEGER NOT NULL,
    comment TEXT,
    reason TEXT,
    rated_by TEXT NOT NULL,
    on_behalf_of TEXT,
    rated_at INTEGER NOT NULL,
    follow_up TEXT,
    followed_up_by TEXT,
    followed_up_at INTEGER
);
CREATE INDEX ix_ratings_rated_at ON ratings (rated_at);

-- The departments whose steps the rated application went through, so that each department's satisfaction counts it.
CREATE TABLE rating_departments (
    application_id TEXT NOT NULL,
    department TEXT NOT NULL,
    PRIMARY KEY (application_id, department)
);
CREATE INDEX ix_rating_departments_department ON rating_departments (department);
