-- Batch `million` for the report's benchmark (ops/bench/report) and its test (ReportScaleTests),
-- in a migrated, empty database: account userNNNNNNN@dK.example (K = N mod 4) for N in
-- 1..1,000,000 (job id N): N mod 10 = 3 failed (3 attempts; target.server, source.parse,
-- target.auth in turn by id mod 3), N mod 500 = 7 pending, N mod 10 = 5 partial (2 of 8
-- components refused), the rest (798,000) succeeded; one attempt per finished account, spread
-- over two hours.
INSERT INTO batches (name, source, target) VALUES ('million', '/nowhere', 'file:///nowhere');
INSERT INTO jobs (id, batch_id, account, state, attempt)
SELECT n, b.id, 'user' || lpad(n::text, 7, '0') || '@d' || (n % 4) || '.example',
       CASE WHEN n % 10 = 3 THEN 'failed' WHEN n % 500 = 7 THEN 'pending' ELSE 'succeeded' END,
       CASE WHEN n % 10 = 3 THEN 3 WHEN n % 500 = 7 THEN 0 ELSE 1 END
FROM batches b, generate_series(1, 1000000) n WHERE b.name = 'million';
INSERT INTO job_results (job_id, components_in_file, components_kept, imported, failed, bytes, duration_ms,
                         error_class, error_code, message, updated_at)
SELECT j.id, 10, 8, CASE WHEN j.state = 'failed' THEN 0 WHEN j.id % 10 = 5 THEN 6 ELSE 8 END,
       CASE WHEN j.id % 10 = 5 THEN 2 ELSE 0 END, 4096, 1200,
       CASE WHEN j.state = 'failed' THEN CASE WHEN j.id % 3 = 0 THEN 'transient' ELSE 'permanent' END END,
       CASE WHEN j.state = 'failed' THEN (ARRAY['target.server', 'source.parse', 'target.auth'])[j.id % 3 + 1] END,
       CASE WHEN j.state = 'failed' THEN j.account || ': line 1: not a calendar (fixture)' END,
       timestamptz '2026-11-01 08:00:00Z' + (j.id % 7200) * interval '1 second'
FROM jobs j WHERE j.state <> 'pending';
INSERT INTO job_attempts (job_id, attempt, started_at, finished_at, outcome)
SELECT j.id, 1, r.updated_at - interval '1 second', r.updated_at, CASE WHEN j.state = 'failed' THEN 'failed' ELSE 'succeeded' END
FROM jobs j JOIN job_results r ON r.job_id = j.id;
SELECT setval(pg_get_serial_sequence('jobs', 'id'), 1000000);
ANALYZE jobs;
ANALYZE job_results;
ANALYZE job_attempts;
