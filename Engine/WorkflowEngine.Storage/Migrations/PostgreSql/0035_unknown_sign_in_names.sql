-- Wrong sign-ins under names that have no account, counted and locked as an account's are (user_credentials), so that
-- the answer after the limit does not tell a real name from a made-up one. Kept in the database, not in each process:
-- with several engine processes each would otherwise give a prober its own tries, and a restart would forget them.
-- The name is kept upper-cased (invariant), as sign-in compares it without regard to case; rows neither locked nor
-- touched for a day are deleted as failures are written (ix_unknown_sign_in_names_touched), so that a stream of
-- made-up names does not grow the table without bound.
CREATE TABLE unknown_sign_in_names (
    user_name text NOT NULL PRIMARY KEY,
    failures bigint NOT NULL,
    locked_until bigint,
    touched_at bigint NOT NULL
);
CREATE INDEX ix_unknown_sign_in_names_touched ON unknown_sign_in_names (touched_at);
