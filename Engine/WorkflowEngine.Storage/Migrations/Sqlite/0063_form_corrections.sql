-- A correction of the applicant's answers (补正) reaches every department holding a step of the application
-- (ApplicationFormCorrected, docs/messages.md). A department host keeps the newest form it heard of by its revision
-- (how many corrections it includes; forms kept before are of revision 0), so that a message come late or twice never
-- puts back an older answer; and each corrected answer once, by application, revision and field, so that every task of
-- the application shows what the applicant changed, old → new, and when. The same in the department set (0002).
ALTER TABLE department_forms ADD COLUMN form_revision INTEGER NOT NULL DEFAULT 0;
CREATE TABLE department_form_corrections (
    application_id TEXT NOT NULL,
    form_revision INTEGER NOT NULL,
    field TEXT NOT NULL,
    old_json TEXT NOT NULL,
    new_json TEXT NOT NULL,
    corrected_at INTEGER NOT NULL,
    PRIMARY KEY (application_id, form_revision, field)
) WITHOUT ROWID;
