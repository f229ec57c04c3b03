-- A department keeps the step's and the service's titles in English beside the Chinese, as the engine sends them
-- (ExecuteStep.titleEn, serviceTitleEn), and a recalled task's reason in English (CancelStep.reasonEn), so that the
-- English desk and supervision pages read them in English. Tasks, requests for more time and notices kept before, or
-- sent by an older engine, have none and show the stored Chinese.
ALTER TABLE department_tasks ADD COLUMN title_en text;
ALTER TABLE department_tasks ADD COLUMN service_title_en text;
ALTER TABLE department_tasks ADD COLUMN note_en text;
ALTER TABLE extension_requests ADD COLUMN title_en text;
ALTER TABLE department_notices ADD COLUMN title_en text;
