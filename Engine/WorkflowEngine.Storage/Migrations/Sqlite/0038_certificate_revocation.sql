-- A certificate is void (作废) once the approval it rests on is revoked (告知承诺 found not kept at its 事后核查): the
-- instant and the reason are kept on it, written in the commit that records the revocation, so that the applicant's
-- page and the API show it as revoked rather than as issued. Rows written before stay valid (null).
ALTER TABLE certificates ADD COLUMN revoked_at INTEGER;
ALTER TABLE certificates ADD COLUMN revoked_reason TEXT;
