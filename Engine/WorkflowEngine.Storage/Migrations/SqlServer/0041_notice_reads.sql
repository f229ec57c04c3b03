-- Until when each supervisor has read a department's notices: the red ones after it count as unread in the navigation.
CREATE TABLE notice_reads (
    department nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    user_id nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
    read_until bigint NOT NULL,
    PRIMARY KEY (department, user_id)
);
