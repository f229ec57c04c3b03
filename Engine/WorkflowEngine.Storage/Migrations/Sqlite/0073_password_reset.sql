-- Applicants who registered with a mobile number reset a forgotten password with a one-time code texted to it. The
-- code is kept as registration's is: only a salted SHA-256 (never the code), 10 minutes, at most 5 tries, deleted as the
-- password is replaced, so that it works once. A number without an applicant's account gets a row too, whose hash no
-- code matches: it answers the code page as a real one does, so that the page tells no one which numbers have accounts.
CREATE TABLE password_reset_codes (
    mobile TEXT NOT NULL PRIMARY KEY,
    code_salt TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    sent_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX ix_password_reset_codes_expires ON password_reset_codes (expires_at);

-- The throttles count registration's codes and reset codes apart ('register', 'reset'): a citizen who registered a
-- minute ago is not told to wait before a reset code, and reset requests do not use up registration's allowance.
ALTER TABLE registration_requests ADD COLUMN purpose TEXT NOT NULL DEFAULT 'register';
DROP INDEX ix_registration_requests_mobile;
DROP INDEX ix_registration_requests_address;
CREATE INDEX ix_registration_requests_mobile ON registration_requests (mobile, purpose, at);
CREATE INDEX ix_registration_requests_address ON registration_requests (client_address, purpose, at);
