-- Local sign-in: each user's password hash (ASP.NET Core Identity's PasswordHasher; never the password), the stamp a
-- password change renews so that the sessions and tokens issued before it end, and the failures that lock an account.
CREATE TABLE user_credentials (
    user_id text NOT NULL PRIMARY KEY,
    password_hash text NOT NULL,
    security_stamp text NOT NULL,
    failed_count bigint NOT NULL,
    locked_until bigint,
    changed_at bigint NOT NULL
);

-- The audit of sign-in events that administrators read, newest first. The user name is kept as given (bounded), so
-- that attempts on names that do not exist show too.
CREATE TABLE sign_in_events (
    id text NOT NULL PRIMARY KEY,
    at bigint NOT NULL,
    kind text NOT NULL,
    user_name text NOT NULL,
    user_id text,
    client_address text,
    channel text NOT NULL
);
CREATE INDEX ix_sign_in_events_at ON sign_in_events (at);
CREATE INDEX ix_sign_in_events_user ON sign_in_events (user_id, at);
