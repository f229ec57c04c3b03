-- Until when each supervisor has read a department's notices: the red ones after it count as unread in the navigation.
CREATE TABLE notice_reads (
    department text NOT NULL,
    user_id text NOT NULL,
    read_until bigint NOT NULL,
    PRIMARY KEY (department, user_id)
);
