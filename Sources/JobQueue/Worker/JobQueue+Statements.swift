import Postgres

extension JobQueue {
    /// The claim statement: `$1` limit, `$2` lease seconds, `$3` worker id. Public so that the
    /// queue benchmark can run the very same statement through pgbench.
    public static let claimStatement = "WITH "
        + claimSteps(limit: "$1::int", leaseSeconds: "$2::float8", workerID: "$3")
        + "\nSELECT id, batch_id, account, target_account, lease_id, attempt FROM claimed"

    /// The record statement: `$1` a JSON array of outcomes (see `OutcomeRecord`), `$2` worker
    /// id. Public so that the queue benchmark can run the very same statement through pgbench.
    public static let recordStatement = "WITH "
        + recordSteps(outcomes: "$1::jsonb", workerID: "$2")
        + "\nSELECT count(*) AS recorded FROM updated"

    /// One turn of a worker's claim loop in one statement (one round trip, one commit): records
    /// `$1` (outcomes as for ``recordStatement``) of worker `$2`, then claims up to `$3` jobs
    /// under leases of `$4` seconds. Returns one row per claimed job, or a single row of NULL
    /// job columns when none was claimed; every row carries `recorded`. Both halves work on
    /// disjoint rows (running jobs with this worker's leases; pending jobs), so they cannot
    /// conflict, and the claim cannot pick a job this very statement put back to `pending`.
    /// Public so that the queue benchmark can run it through pgbench.
    public static let recordAndClaimStatement = "WITH "
        + recordSteps(outcomes: "$1::jsonb", workerID: "$2") + ",\n"
        + claimSteps(limit: "$3::int", leaseSeconds: "$4::float8", workerID: "$2")
        + """

            SELECT c.id, c.batch_id, c.account, c.target_account, c.lease_id, c.attempt,
                   (SELECT count(*) FROM updated) AS recorded
            FROM (SELECT 1) AS turn LEFT JOIN claimed c ON true
            """

    /// ``claimStatement``, ``recordStatement`` and ``recordAndClaimStatement``, prepared once
    /// per connection: the claim loop runs them on every turn.
    static let preparedClaim = PreparedStatement(name: "calimport_claim", sql: claimStatement)
    static let preparedRecord = PreparedStatement(name: "calimport_record", sql: recordStatement)
    static let preparedRecordAndClaim = PreparedStatement(name: "calimport_record_and_claim", sql: recordAndClaimStatement)

    /// The claim's CTEs, `picked` then `claimed`: up to `limit` runnable jobs of unpaused
    /// batches in priority then id order, skipping locked ones, each under a fresh lease.
    static func claimSteps(limit: String, leaseSeconds: String, workerID: String) -> String {
        """
        picked AS (
            SELECT j.id FROM jobs j
            WHERE j.state = 'pending' AND j.run_after <= now()
              AND NOT EXISTS (SELECT 1 FROM batches b WHERE b.id = j.batch_id AND b.paused)
            ORDER BY j.priority, j.id
            LIMIT \(limit)
            FOR UPDATE OF j SKIP LOCKED
        ), claimed AS (
            UPDATE jobs j
            SET state = 'running', lease_id = gen_random_uuid(),
                lease_until = now() + \(leaseSeconds) * interval '1 second',
                attempt = j.attempt + 1, worker_id = \(workerID)
            FROM picked WHERE j.id = picked.id
            RETURNING j.id, j.batch_id, j.account, coalesce(j.target_account, j.account) AS target_account, j.lease_id, j.attempt
        )
        """
    }

    /// The record's CTEs; `updated` holds the outcomes that took effect (fenced by lease): a
    /// success becomes `succeeded`; a failure of a job an operator cancelled becomes
    /// `cancelled`; a transient failure goes back to `pending` after its retry delay while
    /// attempts remain; anything else becomes `failed`. Counters, the attempt's history and
    /// per-item errors are written alongside.
    static func recordSteps(outcomes: String, workerID: String) -> String {
        """
        input AS (
            SELECT * FROM jsonb_to_recordset(\(outcomes)) AS x(
                id bigint, lease uuid, succeeded boolean, retry_delay float8,
                started_at float8, finished_at float8,
                components_in_file int, components_kept int, imported int, skipped int, failed int, bytes bigint,
                derived_uids int, error_class text, error_code text, http_status int, message text, item_errors jsonb)
        ), updated AS (
            UPDATE jobs j
            SET state = CASE WHEN i.succeeded THEN 'succeeded'
                             WHEN j.cancel_requested THEN 'cancelled'
                             WHEN i.error_class = 'transient' AND j.attempt - j.attempt_floor < b.max_attempts THEN 'pending'
                             ELSE 'failed' END,
                run_after = CASE WHEN i.succeeded THEN j.run_after
                                 ELSE now() + i.retry_delay * interval '1 second' END,
                lease_id = NULL, lease_until = NULL
            FROM input i, batches b
            WHERE j.id = i.id AND j.state = 'running' AND j.lease_id = i.lease AND b.id = j.batch_id
            RETURNING j.id, j.attempt, j.state
        ), results AS (
            INSERT INTO job_results AS r (job_id, components_in_file, components_kept, imported, skipped, failed,
                                          bytes, derived_uids, duration_ms, error_class, error_code, http_status, message)
            SELECT i.id, i.components_in_file, i.components_kept, i.imported, i.skipped, i.failed, i.bytes,
                   coalesce(i.derived_uids, 0), ((i.finished_at - i.started_at) * 1000)::bigint,
                   i.error_class, i.error_code, i.http_status, i.message
            FROM input i JOIN updated u ON u.id = i.id
            ON CONFLICT (job_id) DO UPDATE
            SET components_in_file = EXCLUDED.components_in_file, components_kept = EXCLUDED.components_kept,
                imported = EXCLUDED.imported, skipped = EXCLUDED.skipped, failed = EXCLUDED.failed,
                bytes = EXCLUDED.bytes, derived_uids = EXCLUDED.derived_uids, duration_ms = EXCLUDED.duration_ms, error_class = EXCLUDED.error_class,
                error_code = EXCLUDED.error_code, http_status = EXCLUDED.http_status,
                message = EXCLUDED.message, updated_at = now()
        ), history AS (
            INSERT INTO job_attempts (job_id, attempt, worker_id, started_at, finished_at, outcome,
                                      error_class, error_code, http_status, message)
            SELECT i.id, u.attempt, \(workerID), to_timestamp(i.started_at), to_timestamp(i.finished_at),
                   CASE WHEN i.succeeded THEN 'succeeded' WHEN u.state = 'cancelled' THEN 'cancelled' ELSE 'failed' END,
                   i.error_class, i.error_code, i.http_status, i.message
            FROM input i JOIN updated u ON u.id = i.id
            ON CONFLICT (job_id, attempt) DO NOTHING
        ), cleared AS (
            DELETE FROM item_errors e USING updated u WHERE e.job_id = u.id
        ), items AS (
            INSERT INTO item_errors (job_id, uid, recurrence_id, reason)
            SELECT i.id, e.uid, e.recurrence_id, e.reason
            FROM input i JOIN updated u ON u.id = i.id,
                 jsonb_to_recordset(coalesce(i.item_errors, '[]'::jsonb)) AS e(uid text, recurrence_id text, reason text)
        )
        """
    }

    /// The JSON `recordStatement` takes for `outcomes`.
    public static func outcomesJSON(_ outcomes: [JobOutcome]) -> String {
        OutcomeRecord.json(outcomes)
    }
}
