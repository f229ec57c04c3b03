-- Who retired a definition version, and when: set once, by the change from published to retired.
ALTER TABLE definitions ADD retired_at bigint NULL;
ALTER TABLE definitions ADD retired_by nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL;
