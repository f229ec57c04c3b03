-- Local sign-in: each user's password hash (ASP.NET Core Identity's PasswordHasher; never the password), the stamp a
-- password change renews so that the sessions and tokens issued before it end, and the failures that lock an account.
CREATE TABLE user_credentials (
    user_id TEXT NOT NULL PRIMARY KEY,
    password_hash TEXT NOT NULL,
    security_stamp TEXT NOT NULL,
    failed_count INTEGER NOT NULL,
    locked_until INTEGER,
    changed_at INTEGER NOT NULL
);

-- The audit of sign-in events that administrators read, newest first. The user name is kept as given (bounded), so
-- that attempts on names that do not exist show too. The id orders events of the same millisecond.
CREATE TABLE sign_in_events (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    user_name TEXT NOT NULL,
    user_id TEXT,
    client_address TEXT,
    channel TEXT NOT NULL
);
CREATE INDEX ix_sign_in_events_at ON sign_in_events (at);
CREATE INDEX ix_sign_in_events_user ON sign_in_events (user_id, at);
