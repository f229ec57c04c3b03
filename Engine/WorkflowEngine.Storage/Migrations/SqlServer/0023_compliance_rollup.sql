-- The compliance rollup: what the statistics endpoint (GET /api/stats/compliance) sums instead of reading every finished
-- step. One row per kind ('step': a department step decided; 'bundle': an application completed or rejected), month
-- (yyyyMM in Asia/Shanghai, by the finish), department ('' for bundles) and service. The engine adds to it in the
-- commit that records each finish. Counts against the promised and the statutory limit count only finishes that had
-- that limit (a step has no statutory limit of its own yet: not applicable). Office minutes the clock ran (the
-- government's), stood still for the applicant (补正, a deferred material overdue) and stood in an excluded period
-- (testing, inspection, expert review, hearing) are summed over the 'timed' finishes, and h00..h49 count them by the
-- government's handling time in the fixed buckets of HandlingBuckets (each working hour to 24, each 8 to 160, each 40
-- to 480, then one open bucket), from which the median and 90th percentile are read.
--
-- History: the rows finished before this migration are counted here once, with their counts and on-time flags. Their
-- office time needs the calendar and the clock events, which SQL does not have, so they are not 'timed': handling and
-- waiting times and percentiles cover the finishes after the upgrade.
CREATE TABLE compliance_rollup (
    kind nvarchar(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
    month int NOT NULL,
    department nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    service_id nvarchar(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    finished int NOT NULL DEFAULT 0,
    approved int NOT NULL DEFAULT 0,
    rejected int NOT NULL DEFAULT 0,
    revoked int NOT NULL DEFAULT 0,
    promised_counted int NOT NULL DEFAULT 0,
    promised_on_time int NOT NULL DEFAULT 0,
    statutory_counted int NOT NULL DEFAULT 0,
    statutory_on_time int NOT NULL DEFAULT 0,
    timed int NOT NULL DEFAULT 0,
    government_minutes bigint NOT NULL DEFAULT 0,
    applicant_minutes bigint NOT NULL DEFAULT 0,
    excluded_minutes bigint NOT NULL DEFAULT 0,
    h00 int NOT NULL DEFAULT 0,
    h01 int NOT NULL DEFAULT 0,
    h02 int NOT NULL DEFAULT 0,
    h03 int NOT NULL DEFAULT 0,
    h04 int NOT NULL DEFAULT 0,
    h05 int NOT NULL DEFAULT 0,
    h06 int NOT NULL DEFAULT 0,
    h07 int NOT NULL DEFAULT 0,
    h08 int NOT NULL DEFAULT 0,
    h09 int NOT NULL DEFAULT 0,
    h10 int NOT NULL DEFAULT 0,
    h11 int NOT NULL DEFAULT 0,
    h12 int NOT NULL DEFAULT 0,
    h13 int NOT NULL DEFAULT 0,
    h14 int NOT NULL DEFAULT 0,
    h15 int NOT NULL DEFAULT 0,
    h16 int NOT NULL DEFAULT 0,
    h17 int NOT NULL DEFAULT 0,
    h18 int NOT NULL DEFAULT 0,
    h19 int NOT NULL DEFAULT 0,
    h20 int NOT NULL DEFAULT 0,
    h21 int NOT NULL DEFAULT 0,
    h22 int NOT NULL DEFAULT 0,
    h23 int NOT NULL DEFAULT 0,
    h24 int NOT NULL DEFAULT 0,
    h25 int NOT NULL DEFAULT 0,
    h26 int NOT NULL DEFAULT 0,
    h27 int NOT NULL DEFAULT 0,
    h28 int NOT NULL DEFAULT 0,
    h29 int NOT NULL DEFAULT 0,
    h30 int NOT NULL DEFAULT 0,
    h31 int NOT NULL DEFAULT 0,
    h32 int NOT NULL DEFAULT 0,
    h33 int NOT NULL DEFAULT 0,
    h34 int NOT NULL DEFAULT 0,
    h35 int NOT NULL DEFAULT 0,
    h36 int NOT NULL DEFAULT 0,
    h37 int NOT NULL DEFAULT 0,
    h38 int NOT NULL DEFAULT 0,
    h39 int NOT NULL DEFAULT 0,
    h40 int NOT NULL DEFAULT 0,
    h41 int NOT NULL DEFAULT 0,
    h42 int NOT NULL DEFAULT 0,
    h43 int NOT NULL DEFAULT 0,
    h44 int NOT NULL DEFAULT 0,
    h45 int NOT NULL DEFAULT 0,
    h46 int NOT NULL DEFAULT 0,
    h47 int NOT NULL DEFAULT 0,
    h48 int NOT NULL DEFAULT 0,
    h49 int NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, month, department, service_id)
);

INSERT INTO compliance_rollup (kind, month, department, service_id, finished, approved, rejected, revoked, promised_counted, promised_on_time)
SELECT 'step', YEAR(DATEADD(minute, (s.completed_at + 28800000) / 60000, CAST('1970-01-01' AS datetime2))) * 100 + MONTH(DATEADD(minute, (s.completed_at + 28800000) / 60000, CAST('1970-01-01' AS datetime2))), s.department, a.service_id, COUNT(*),
    SUM(CASE WHEN s.outcome = 'approved' AND s.status <> 'revoked' THEN 1 ELSE 0 END),
    SUM(CASE WHEN s.outcome = 'rejected' THEN 1 ELSE 0 END),
    SUM(CASE WHEN s.status = 'revoked' THEN 1 ELSE 0 END),
    SUM(CASE WHEN s.due_at IS NOT NULL AND s.on_time IS NOT NULL THEN 1 ELSE 0 END),
    SUM(CASE WHEN s.due_at IS NOT NULL AND s.on_time = 1 THEN 1 ELSE 0 END)
FROM steps s JOIN applications a ON a.id = s.application_id
WHERE s.department IS NOT NULL AND s.outcome IS NOT NULL AND s.completed_at IS NOT NULL
GROUP BY YEAR(DATEADD(minute, (s.completed_at + 28800000) / 60000, CAST('1970-01-01' AS datetime2))) * 100 + MONTH(DATEADD(minute, (s.completed_at + 28800000) / 60000, CAST('1970-01-01' AS datetime2))), s.department, a.service_id;

INSERT INTO compliance_rollup (kind, month, department, service_id, finished, approved, rejected, promised_counted, promised_on_time,
    statutory_counted, statutory_on_time)
SELECT 'bundle', YEAR(DATEADD(minute, (completed_at + 28800000) / 60000, CAST('1970-01-01' AS datetime2))) * 100 + MONTH(DATEADD(minute, (completed_at + 28800000) / 60000, CAST('1970-01-01' AS datetime2))), '', service_id, COUNT(*),
    SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END),
    SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END),
    SUM(CASE WHEN due_at IS NOT NULL THEN 1 ELSE 0 END),
    SUM(CASE WHEN due_at IS NOT NULL AND completed_at <= due_at THEN 1 ELSE 0 END),
    SUM(CASE WHEN statutory_due_at IS NOT NULL THEN 1 ELSE 0 END),
    SUM(CASE WHEN statutory_due_at IS NOT NULL AND completed_at <= statutory_due_at THEN 1 ELSE 0 END)
FROM applications
WHERE status IN ('completed', 'rejected') AND completed_at IS NOT NULL
GROUP BY YEAR(DATEADD(minute, (completed_at + 28800000) / 60000, CAST('1970-01-01' AS datetime2))) * 100 + MONTH(DATEADD(minute, (completed_at + 28800000) / 60000, CAST('1970-01-01' AS datetime2))), service_id;

-- When a running step turns yellow (its warning share of the promised limit used), as its clock last read; the open
-- overdue and at-risk counts read it through an index that holds only the open steps, so a commit that changes a
-- finished step writes no page of it.
ALTER TABLE steps ADD warn_at bigint NULL;
GO
CREATE INDEX ix_steps_open ON steps (department, due_at, warn_at) WHERE status IN ('dispatched', 'received', 'claimed');
