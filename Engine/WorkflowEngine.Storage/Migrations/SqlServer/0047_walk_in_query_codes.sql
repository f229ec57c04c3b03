-- An application submitted at the comprehensive window for a citizen who walked in belongs to no account: the citizen
-- follows it with the tracking number and the query code (查询码) printed on the receipt. Only the code's SHA-256 is
-- kept, so that nobody reading the database can print the receipt again; applications submitted online have none.
ALTER TABLE applications ADD query_code_sha256 nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL;
