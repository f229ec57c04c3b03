-- The reason a certificate was voided (作废) is kept in English beside the Chinese, as the reasons of applications and
-- steps are (reason_en), so that a reader of the English pages or of the API with Accept-Language: en reads it in
-- English beside the application's English reason. Rows written before have none and show the stored Chinese.
ALTER TABLE certificates ADD revoked_reason_en nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL;
