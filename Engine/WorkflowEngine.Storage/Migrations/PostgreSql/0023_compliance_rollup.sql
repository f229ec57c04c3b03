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
    kind text NOT NULL,
    month integer NOT NULL,
    department text NOT NULL,
    service_id text NOT NULL,
    finished integer NOT NULL DEFAULT 0,
    approved integer NOT NULL DEFAULT 0,
    rejected integer NOT NULL DEFAULT 0,
    revoked integer NOT NULL DEFAULT 0,
    promised_counted integer NOT NULL DEFAULT 0,
    promised_on_time integer NOT NULL DEFAULT 0,
    statutory_counted integer NOT NULL DEFAULT 0,
    statutory_on_time integer NOT NULL DEFAULT 0,
    timed integer NOT NULL DEFAULT 0,
    government_minutes bigint NOT NULL DEFAULT 0,
    applicant_minutes bigint NOT NULL DEFAULT 0,
    excluded_minutes bigint NOT NULL DEFAULT 0,
    h00 integer NOT NULL DEFAULT 0,
    h01 integer NOT NULL DEFAULT 0,
    h02 integer NOT NULL DEFAULT 0,
    h03 integer NOT NULL DEFAULT 0,
    h04 integer NOT NULL DEFAULT 0,
    h05 integer NOT NULL DEFAULT 0,
    h06 integer NOT NULL DEFAULT 0,
    h07 integer NOT NULL DEFAULT 0,
    h08 integer NOT NULL DEFAULT 0,
    h09 integer NOT NULL DEFAULT 0,
    h10 integer NOT NULL DEFAULT 0,
    h11 integer NOT NULL DEFAULT 0,
    h12 integer NOT NULL DEFAULT 0,
    h13 integer NOT NULL DEFAULT 0,
    h14 integer NOT NULL DEFAULT 0,
    h15 integer NOT NULL DEFAULT 0,
    h16 integer NOT NULL DEFAULT 0,
    h17 integer NOT NULL DEFAULT 0,
    h18 integer NOT NULL DEFAULT 0,
    h19 integer NOT NULL DEFAULT 0,
    h20 integer NOT NULL DEFAULT 0,
    h21 integer NOT NULL DEFAULT 0,
    h22 integer NOT NULL DEFAULT 0,
    h23 integer NOT NULL DEFAULT 0,
    h24 integer NOT NULL DEFAULT 0,
    h25 integer NOT NULL DEFAULT 0,
    h26 integer NOT NULL DEFAULT 0,
    h27 integer NOT NULL DEFAULT 0,
    h28 integer NOT NULL DEFAULT 0,
    h29 integer NOT NULL DEFAULT 0,
    h30 integer NOT NULL DEFAULT 0,
    h31 integer NOT NULL DEFAULT 0,
    h32 integer NOT NULL DEFAULT 0,
    h33 integer NOT NULL DEFAULT 0,
    h34 integer NOT NULL DEFAULT 0,
    h35 integer NOT NULL DEFAULT 0,
    h36 integer NOT NULL DEFAULT 0,
    h37 integer NOT NULL DEFAULT 0,
    h38 integer NOT NULL DEFAULT 0,
    h39 integer NOT NULL DEFAULT 0,
    h40 integer NOT NULL DEFAULT 0,
    h41 integer NOT NULL DEFAULT 0,
    h42 integer NOT NULL DEFAULT 0,
    h43 integer NOT NULL DEFAULT 0,
    h44 integer NOT NULL DEFAULT 0,
    h45 integer NOT NULL DEFAULT 0,
    h46 integer NOT NULL DEFAULT 0,
    h47 integer NOT NULL DEFAULT 0,
    h48 integer NOT NULL DEFAULT 0,
    h49 integer NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, month, department, service_id)
);

INSERT INTO compliance_rollup (kind, month, department, service_id, finished, approved, rejected, revoked, promised_counted, promised_on_time)
SELECT 'step', CAST(to_char(to_timestamp((s.completed_at + 28800000) / 1000.0) AT TIME ZONE 'UTC', 'YYYYMM') AS integer), s.department, a.service_id, COUNT(*),
    SUM(CASE WHEN s.outcome = 'approved' AND s.status <> 'revoked' THEN 1 ELSE 0 END),
    SUM(CASE WHEN s.outcome = 'rejected' THEN 1 ELSE 0 END),
    SUM(CASE WHEN s.status = 'revoked' THEN 1 ELSE 0 END),
    SUM(CASE WHEN s.due_at IS NOT NULL AND s.on_time IS NOT NULL THEN 1 ELSE 0 END),
    SUM(CASE WHEN s.due_at IS NOT NULL AND s.on_time = 1 THEN 1 ELSE 0 END)
FROM steps s JOIN applications a ON a.id = s.application_id
WHERE s.department IS NOT NULL AND s.outcome IS NOT NULL AND s.completed_at IS NOT NULL
GROUP BY CAST(to_char(to_timestamp((s.completed_at + 28800000) / 1000.0) AT TIME ZONE 'UTC', 'YYYYMM') AS integer), s.department, a.service_id;

INSERT INTO compliance_rollup (kind, month, department, service_id, finished, approved, rejected, promised_counted, promised_on_time,
    statutory_counted, statutory_on_time)
SELECT 'bundle', CAST(to_char(to_timestamp((completed_at + 28800000) / 1000.0) AT TIME ZONE 'UTC', 'YYYYMM') AS integer), '', service_id, COUNT(*),
    SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END),
    SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END),
    SUM(CASE WHEN due_at IS NOT NULL THEN 1 ELSE 0 END),
    SUM(CASE WHEN due_at IS NOT NULL AND completed_at <= due_at THEN 1 ELSE 0 END),
    SUM(CASE WHEN statutory_due_at IS NOT NULL THEN 1 ELSE 0 END),
    SUM(CASE WHEN statutory_due_at IS NOT NULL AND completed_at <= statutory_due_at THEN 1 ELSE 0 END)
FROM applications
WHERE status IN ('completed', 'rejected') AND completed_at IS NOT NULL
GROUP BY CAST(to_char(to_timestamp((completed_at + 28800000) / 1000.0) AT TIME ZONE 'UTC', 'YYYYMM') AS integer), service_id;

-- When a running step turns yellow (its warning share of the promised limit used), as its clock last read; the open
-- overdue and at-risk counts read it through an index that holds only the open steps, so a commit that changes a
-- finished step writes no page of it.
ALTER TABLE steps ADD COLUMN warn_at bigint;
CREATE INDEX ix_steps_open ON steps (department, due_at, warn_at) WHERE status IN ('dispatched', 'received', 'claimed');
