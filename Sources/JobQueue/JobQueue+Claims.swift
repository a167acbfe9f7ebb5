import Foundation
import Postgres

extension JobQueue {
    /// Claims up to `limit` runnable jobs in one statement (`FOR UPDATE SKIP LOCKED`), each
    /// under a fresh lease of `leaseDuration` seconds, in priority then id order. Jobs of paused
    /// batches are left alone.
    public func claim(limit: Int, workerID: String, leaseDuration: Double) throws -> [ClaimedJob] {
        guard limit > 0 else { return [] }
        let now = Date()
        return try connection.query(Self.claimStatement, [String(limit), String(leaseDuration), workerID])
        .map { row in
            ClaimedJob(
                id: try row.int("id"), batchID: try row.int("batch_id"), account: try row.string("account"),
                targetAccount: try row.string("target_account"), leaseID: try row.string("lease_id"), attempt: try row.int("attempt"), claimedAt: now)
        }
        .sorted { $0.id < $1.id }
    }

    /// Extends the leases this process holds (fenced by lease id) and marks the worker alive,
    /// in one statement. Returns how many leases were extended and which of those jobs an
    /// operator asked to cancel.
    @discardableResult
    public func heartbeat(workerID: String, leaseIDs: [String], leaseDuration: Double) throws -> Heartbeat {
        let rows = try connection.query("""
            WITH alive AS (
                UPDATE workers SET last_heartbeat = now() WHERE id = $1
            )
            UPDATE jobs SET lease_until = now() + $3::float8 * interval '1 second'
            WHERE worker_id = $1 AND state = 'running' AND lease_id = ANY($2::uuid[])
            RETURNING id, cancel_requested
            """, [workerID, Self.postgresArray(leaseIDs), String(leaseDuration)])
        let cancelled = try rows.filter { try $0.bool("cancel_requested") }.map { try $0.int("id") }
        return Heartbeat(extended: rows.count, cancelRequested: Set(cancelled))
    }

    /// Moves jobs whose lease expired back to `pending` (attempt counted, reason `lease expired`),
    /// to `failed` when their attempts are used up, or to `cancelled` when an operator asked.
    /// Fenced: a job acked meanwhile is not touched.
    @discardableResult
    public func rescueExpiredLeases() throws -> Int {
        let rows = try connection.query("""
            WITH expired AS (
                SELECT id FROM jobs
                WHERE state = 'running' AND lease_until < now()
                FOR UPDATE SKIP LOCKED
            ), rescued AS (
                UPDATE jobs j
                SET state = CASE WHEN j.cancel_requested THEN 'cancelled'
                                 WHEN j.attempt - j.attempt_floor >= b.max_attempts THEN 'failed'
                                 ELSE 'pending' END,
                    lease_id = NULL, lease_until = NULL, run_after = now()
                FROM expired e, batches b
                WHERE j.id = e.id AND b.id = j.batch_id AND j.state = 'running' AND j.lease_until < now()
                RETURNING j.id, j.attempt, j.worker_id
            ), history AS (
                INSERT INTO job_attempts (job_id, attempt, worker_id, outcome, error_class, error_code, message)
                SELECT id, attempt, worker_id, 'lease_expired', 'transient', 'lease.expired', 'lease expired'
                FROM rescued
                ON CONFLICT (job_id, attempt) DO NOTHING
            ), results AS (
                INSERT INTO job_results (job_id, error_class, error_code, message)
                SELECT id, 'transient', 'lease.expired', 'lease expired (worker ' || coalesce(worker_id, '?') || ' stopped answering)'
                FROM rescued
                ON CONFLICT (job_id) DO UPDATE
                SET error_class = EXCLUDED.error_class, error_code = EXCLUDED.error_code,
                    message = EXCLUDED.message, updated_at = now()
            )
            SELECT count(*) AS rescued FROM rescued
            """)
        return try rows.first?.int("rescued") ?? 0
    }

    /// Records the outcomes of many attempts in one statement, each fenced by its lease: a
    /// success becomes `succeeded`; a failure of a job an operator cancelled becomes `cancelled`;
    /// a transient failure goes back to `pending` after its retry delay while attempts remain;
    /// anything else becomes `failed`. Counters, the attempt's history (outcome `succeeded`,
    /// `cancelled` or `failed`) and per-item errors are written alongside. Returns how many outcomes took effect.
    @discardableResult
    public func record(_ outcomes: [JobOutcome], workerID: String) throws -> Int {
        guard !outcomes.isEmpty else { return 0 }
        let payload = try OutcomeRecord.json(outcomes)
        let rows = try connection.query(Self.recordStatement, [payload, workerID])
        return try rows.first?.int("recorded") ?? 0
    }

    /// Whether any job is running, or pending in a batch that is not paused.
    public func hasUnfinishedJobs() throws -> Bool {
        let rows = try connection.query("""
            SELECT EXISTS (
                SELECT 1 FROM jobs j JOIN batches b ON b.id = j.batch_id
                WHERE j.state = 'running' OR (j.state = 'pending' AND NOT b.paused)
            ) AS unfinished
            """)
        return try rows.first?.bool("unfinished") ?? false
    }

    /// A PostgreSQL array literal of plain tokens (uuids, numbers).
    static func postgresArray(_ values: [String]) -> String {
        "{" + values.joined(separator: ",") + "}"
    }

    /// A PostgreSQL array literal of arbitrary text values (each quoted, `"` and `\\` escaped).
    static func textArray(_ values: [String]) -> String {
        let quoted = values.map { value in
            "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return "{" + quoted.joined(separator: ",") + "}"
    }
}

extension JobQueue {
    /// Gives jobs back to `pending` without counting the attempt (a graceful shutdown that ran
    /// out of time), or to `cancelled` when an operator asked, fenced by their leases. Returns
    /// how many were released.
    @discardableResult
    public func release(_ jobs: [ClaimedJob]) throws -> Int {
        guard !jobs.isEmpty else { return 0 }
        let rows = try connection.query("""
            WITH released AS (
                UPDATE jobs j
                SET state = CASE WHEN j.cancel_requested THEN 'cancelled' ELSE 'pending' END,
                    attempt = greatest(j.attempt - 1, j.attempt_floor),
                    lease_id = NULL, lease_until = NULL, run_after = now()
                FROM unnest($1::bigint[], $2::uuid[]) AS r(id, lease)
                WHERE j.id = r.id AND j.state = 'running' AND j.lease_id = r.lease
                RETURNING 1
            )
            SELECT count(*) AS released FROM released
            """, [Self.postgresArray(jobs.map { String($0.id) }), Self.postgresArray(jobs.map(\.leaseID))])
        return try rows.first?.int("released") ?? 0
    }
}

extension JobQueue {
    /// The claim statement: `$1` limit, `$2` lease seconds, `$3` worker id. Public so that the
    /// queue benchmark can run the very same statement through pgbench.
    public static let claimStatement = """
            WITH picked AS (
                SELECT j.id FROM jobs j
                WHERE j.state = 'pending' AND j.run_after <= now()
                  AND NOT EXISTS (SELECT 1 FROM batches b WHERE b.id = j.batch_id AND b.paused)
                ORDER BY j.priority, j.id
                LIMIT $1::int
                FOR UPDATE OF j SKIP LOCKED
            )
            UPDATE jobs j
            SET state = 'running', lease_id = gen_random_uuid(),
                lease_until = now() + $2::float8 * interval '1 second',
                attempt = j.attempt + 1, worker_id = $3
            FROM picked WHERE j.id = picked.id
            RETURNING j.id, j.batch_id, j.account, coalesce(j.target_account, j.account) AS target_account, j.lease_id, j.attempt
            """

    /// The record statement: `$1` a JSON array of outcomes (see `OutcomeRecord`), `$2` worker
    /// id. Public so that the queue benchmark can run the very same statement through pgbench.
    public static let recordStatement = """
            WITH input AS (
                SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
                    id bigint, lease uuid, succeeded boolean, retry_delay float8,
                    started_at float8, finished_at float8,
                    components_in_file int, components_kept int, imported int, skipped int, failed int, bytes bigint,
                    error_class text, error_code text, http_status int, message text, item_errors jsonb)
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
                                              bytes, duration_ms, error_class, error_code, http_status, message)
                SELECT i.id, i.components_in_file, i.components_kept, i.imported, i.skipped, i.failed, i.bytes,
                       ((i.finished_at - i.started_at) * 1000)::bigint,
                       i.error_class, i.error_code, i.http_status, i.message
                FROM input i JOIN updated u ON u.id = i.id
                ON CONFLICT (job_id) DO UPDATE
                SET components_in_file = EXCLUDED.components_in_file, components_kept = EXCLUDED.components_kept,
                    imported = EXCLUDED.imported, skipped = EXCLUDED.skipped, failed = EXCLUDED.failed,
                    bytes = EXCLUDED.bytes, duration_ms = EXCLUDED.duration_ms, error_class = EXCLUDED.error_class,
                    error_code = EXCLUDED.error_code, http_status = EXCLUDED.http_status,
                    message = EXCLUDED.message, updated_at = now()
            ), history AS (
                INSERT INTO job_attempts (job_id, attempt, worker_id, started_at, finished_at, outcome,
                                          error_class, error_code, http_status, message)
                SELECT i.id, u.attempt, $2, to_timestamp(i.started_at), to_timestamp(i.finished_at),
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
            SELECT count(*) AS recorded FROM updated
            """

    /// The JSON `recordStatement` takes for `outcomes`.
    public static func outcomesJSON(_ outcomes: [JobOutcome]) throws -> String {
        try OutcomeRecord.json(outcomes)
    }
}
