-- 一事一评 as soon as a step is decided: a step's rating may come before, or without, its application's overall rating
-- (ratings), so it keeps what the administrators' list and the service's satisfaction read of it: the application's
-- tracking number and service, who rated it and when. Each rating stored before this change has its overall rating,
-- which gives the first two; its rater and time stay on its audit line (Rated or StepRated) and are left empty here.
ALTER TABLE step_ratings ADD COLUMN tracking_number TEXT;
ALTER TABLE step_ratings ADD COLUMN service_id TEXT;
ALTER TABLE step_ratings ADD COLUMN rated_by TEXT;
ALTER TABLE step_ratings ADD COLUMN on_behalf_of TEXT;
ALTER TABLE step_ratings ADD COLUMN rated_at INTEGER;
UPDATE step_ratings SET
    tracking_number = (SELECT r.tracking_number FROM ratings r WHERE r.application_id = step_ratings.application_id),
    service_id = (SELECT r.service_id FROM ratings r WHERE r.application_id = step_ratings.application_id);
