-- A correction of the applicant's answers (补正) reaches every department holding a step of the application
-- (ApplicationFormCorrected, docs/messages.md). A department host keeps the newest form it heard of by its revision
-- (how many corrections it includes; forms kept before are of revision 0), so that a message come late or twice never
-- puts back an older answer; and each corrected answer once, by application, revision and field, so that every task of
-- the application shows what the applicant changed, old → new, and when. The same in the department set (0002).
-- A field's key is short (a definition names it); the key of the table fits an index.
ALTER TABLE department_forms ADD form_revision int NOT NULL CONSTRAINT df_department_forms_form_revision DEFAULT 0;
CREATE TABLE department_form_corrections (
    application_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    form_revision int NOT NULL,
    field nvarchar(256) COLLATE Latin1_General_100_BIN2 NOT NULL,
    old_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    new_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NOT NULL,
    corrected_at bigint NOT NULL,
    PRIMARY KEY (application_id, form_revision, field)
);
