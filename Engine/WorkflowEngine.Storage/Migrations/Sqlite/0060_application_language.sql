-- The language e-mails and SMS to the applicant are written in, and the links in them open the pages in: chosen at
-- submission (the page's language, the API's optional language, or the window staff's choice for a walk-in) and
-- changed later on the progress page. 'zh-CN' or 'en'; what was submitted before it was kept is Chinese, as it was sent.
ALTER TABLE applications ADD COLUMN applicant_language TEXT NOT NULL DEFAULT 'zh-CN';
