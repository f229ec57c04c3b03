-- Applicants registering themselves with a mobile number proven by a one-time SMS code. A pending registration keeps
-- the name, the optional e-mail and the password's hash (never the password) until the code comes back, and the code
-- only as a salted SHA-256 (never the code): a database copy tells no one a code, and a code lives 10 minutes, with at
-- most 5 tries. The row is deleted as the account is made, so that a used code cannot be used again.
CREATE TABLE registration_codes (
    mobile nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    display_name nvarchar(max) NOT NULL,
    email nvarchar(max),
    password_hash nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    code_salt nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    code_hash nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
    attempts bigint NOT NULL,
    sent_at bigint NOT NULL,
    expires_at bigint NOT NULL
);
CREATE INDEX ix_registration_codes_expires ON registration_codes (expires_at);

-- Every request for a code, sent or refused, by number and by client address: what the resend throttles count across
-- every engine process sharing the database. Rows older than a day are deleted as requests are written.
CREATE TABLE registration_requests (
    id bigint IDENTITY(1,1) NOT NULL PRIMARY KEY,
    at bigint NOT NULL,
    mobile nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
    client_address nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    sent bit NOT NULL
);
CREATE INDEX ix_registration_requests_mobile ON registration_requests (mobile, at);
CREATE INDEX ix_registration_requests_address ON registration_requests (client_address, at);
CREATE INDEX ix_registration_requests_at ON registration_requests (at);

-- The contact a self-registered applicant proved (the mobile number, which is also the user name) and gave (e-mail).
CREATE TABLE applicant_contacts (
    user_id nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    mobile nvarchar(32) COLLATE Latin1_General_100_BIN2 NOT NULL,
    email nvarchar(max),
    registered_at bigint NOT NULL
);
CREATE UNIQUE INDEX ux_applicant_contacts_mobile ON applicant_contacts (mobile);
