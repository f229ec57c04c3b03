-- Whether a platform session still stands is asked on every request: the user's last sign-out, by id. This index
-- answers it from its last entry, however long the user's history of sign-ins and failures.
CREATE INDEX ix_sign_in_events_user_kind ON sign_in_events (user_id, kind, id);
