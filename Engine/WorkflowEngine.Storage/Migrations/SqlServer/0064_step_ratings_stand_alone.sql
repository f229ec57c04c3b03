-- 一事一评 as soon as a step is decided: a step's rating may come before, or without, its application's overall rating
-- (ratings), so it keeps what the administrators' list and the service's satisfaction read of it: the application's
-- tracking number and service, who rated it and when. Each rating stored before this change has its overall rating,
-- which gives the first two; its rater and time stay on its audit line (Rated or StepRated) and are left empty here.
ALTER TABLE step_ratings ADD
    tracking_number nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
    service_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL,
    rated_by nvarchar(128) COLLATE Latin1_General_100_BIN2 NULL,
    on_behalf_of nvarchar(max) NULL,
    rated_at bigint NULL;
GO
UPDATE step_ratings SET
    tracking_number = (SELECT r.tracking_number FROM ratings r WHERE r.application_id = step_ratings.application_id),
    service_id = (SELECT r.service_id FROM ratings r WHERE r.application_id = step_ratings.application_id);
