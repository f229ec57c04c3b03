-- A message of a type added to version 1 of the contract after this host's release (a newer engine, or a newer
-- department host, during a rolling upgrade) is acknowledged and ignored, as docs/messages.md's version rule says. It
-- is kept with the failed messages, marked ignored: not a failure (it neither degrades /health nor counts as waiting
-- to be sent again), but there to be sent again once the host has been upgraded, so nothing is lost.
ALTER TABLE failed_messages ADD ignored int NOT NULL DEFAULT 0;
