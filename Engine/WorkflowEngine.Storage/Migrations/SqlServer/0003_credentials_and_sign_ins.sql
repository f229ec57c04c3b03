-- Local sign-in: each user's password hash (ASP.NET Core Identity's PasswordHasher; never the password), the stamp a
-- password change renews so that the sessions and tokens issued before it end, and the failures that lock an account.
CREATE TABLE user_credentials (
    user_id nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    password_hash nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    security_stamp nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    failed_count bigint NOT NULL,
    locked_until bigint,
    changed_at bigint NOT NULL
);

-- The audit of sign-in events that administrators read, newest first. The user name is kept as given (bounded), so
-- that attempts on names that do not exist show too. The id orders events of the same millisecond.
CREATE TABLE sign_in_events (
    id bigint IDENTITY(1,1) NOT NULL PRIMARY KEY,
    at bigint NOT NULL,
    kind nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
    user_name nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    user_id nvarchar(128) COLLATE Latin1_General_100_BIN2,
    client_address nvarchar(64) COLLATE Latin1_General_100_BIN2,
    channel nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL
);
CREATE INDEX ix_sign_in_events_at ON sign_in_events (at);
CREATE INDEX ix_sign_in_events_user ON sign_in_events (user_id, at);
