-- The supervisors' notices are kept in English beside the Chinese (message_en), so that the English supervision page
-- and the notices API with Accept-Language: en read them in English. Notices left before have none and show the
-- stored Chinese.
ALTER TABLE department_notices ADD COLUMN message_en TEXT;
