-- 按承诺审批: the commitment an applicant signed on paper at the window (who, their identity number, the text's hash,
-- the clerk who witnessed it), kept on the task the clerk approved on it, so that every report of the decision carries it.
ALTER TABLE department_tasks ADD commitment_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL;
