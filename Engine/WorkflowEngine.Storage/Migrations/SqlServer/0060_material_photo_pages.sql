-- A material photographed page by page on a phone is stored as the one PDF assembled from the photos; the record says
-- how many photos it was made of, so the applicant and the clerk know it came from a camera. NULL for a file uploaded as
-- it is, which every material uploaded before was.
ALTER TABLE materials ADD photo_pages int NULL;
