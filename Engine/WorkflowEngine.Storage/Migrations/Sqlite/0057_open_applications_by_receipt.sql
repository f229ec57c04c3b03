-- The window staff's list of walk-in applications not yet finished, newest first a page at a time, with their count:
-- read from the open applications' entries by status and time received, never from every application ever made.
CREATE INDEX ix_applications_open ON applications (status, submitted_at);
