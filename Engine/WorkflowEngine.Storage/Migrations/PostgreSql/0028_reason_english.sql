-- Why an application or a step ended, when the engine words it, is kept in English beside the Chinese, so an applicant
-- reading the English pages (or the API with Accept-Language: en) reads it in English. A reason a person typed is kept
-- as typed, marked in English as whose words it is. Rows written before have none and show the stored Chinese.
ALTER TABLE applications ADD COLUMN reason_en text;
ALTER TABLE steps ADD COLUMN reason_en text;
