-- Applicants registering themselves with a mobile number proven by a one-time SMS code. A pending registration keeps
-- the name, the optional e-mail and the password's hash (never the password) until the code comes back, and the code
-- only as a salted SHA-256 (never the code): a database copy tells no one a code, and a code lives 10 minutes, with at
-- most 5 tries. The row is deleted as the account is made, so that a used code cannot be used again.
CREATE TABLE registration_codes (
    mobile TEXT NOT NULL PRIMARY KEY,
    display_name TEXT NOT NULL,
    email TEXT,
    password_hash TEXT NOT NULL,
    code_salt TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    sent_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX ix_registration_codes_expires ON registration_codes (expires_at);

-- Every request for a code, sent or refused, by number and by client address: what the resend throttles count across
-- every engine process sharing the database. Rows older than a day are deleted as requests are written.
CREATE TABLE registration_requests (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    mobile TEXT NOT NULL,
    client_address TEXT NOT NULL,
    sent INTEGER NOT NULL
);
CREATE INDEX ix_registration_requests_mobile ON registration_requests (mobile, at);
CREATE INDEX ix_registration_requests_address ON registration_requests (client_address, at);
CREATE INDEX ix_registration_requests_at ON registration_requests (at);

-- The contact a self-registered applicant proved (the mobile number, which is also the user name) and gave (e-mail).
CREATE TABLE applicant_contacts (
    user_id TEXT NOT NULL PRIMARY KEY,
    mobile TEXT NOT NULL,
    email TEXT,
    registered_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_applicant_contacts_mobile ON applicant_contacts (mobile);
