-- A notification the engine writes is kept in English beside the Chinese, so an applicant reading the English pages
-- (or the API with Accept-Language: en) reads it in English. Rows written before have none and show as stored.
ALTER TABLE notifications ADD COLUMN message_en TEXT;
