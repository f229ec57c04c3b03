-- Until when each supervisor has read a department's notices: the red ones after it count as unread in the navigation.
CREATE TABLE notice_reads (
    department TEXT NOT NULL,
    user_id TEXT NOT NULL,
    read_until INTEGER NOT NULL,
    PRIMARY KEY (department, user_id)
);
