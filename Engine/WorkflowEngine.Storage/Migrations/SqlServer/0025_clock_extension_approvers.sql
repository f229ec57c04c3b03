-- Requests to extend the bundle's or a stage's clock (行政许可法 Art. 42) live in the application's state; this column
-- names the departments that must decide the ones still waiting (',GSC,'), so that an approver's supervisors find
-- them without reading every application. NULL when nothing waits, so the filtered index holds only the waiting few.
ALTER TABLE applications ADD extension_approvers nvarchar(400) COLLATE Latin1_General_100_BIN2 NULL;
GO
CREATE INDEX ix_applications_extension_approvers ON applications (extension_approvers) WHERE extension_approvers IS NOT NULL;
