import Foundation
import Postgres

extension JobQueue {
    /// Claims up to `limit` runnable jobs in one statement (`FOR UPDATE SKIP LOCKED`), each
    /// under a fresh lease of `leaseDuration`, in priority then id order. Jobs of paused
    /// batches are left alone.
    public func claim(limit: Int, workerID: String, leaseDuration: Duration) throws -> [ClaimedJob] {
        guard limit > 0 else { return [] }
        let now = Date()
        return try connection.query(Self.preparedClaim, [limit, leaseDuration.seconds, workerID])
            .map { try Self.claimedJob($0, claimedAt: now) }
            .sorted { $0.id < $1.id }
    }

    /// Records `outcomes` (as ``record(_:workerID:)``) and claims up to `limit` jobs (as
    /// ``claim(limit:workerID:leaseDuration:)``) in one statement: a worker's claim loop pays
    /// one round trip and one commit per turn. Either half may be empty.
    public func recordAndClaim(_ outcomes: [JobOutcome], limit: Int, workerID: String, leaseDuration: Duration) throws -> ClaimTurn {
        if outcomes.isEmpty {
            return ClaimTurn(recorded: 0, claimed: try claim(limit: limit, workerID: workerID, leaseDuration: leaseDuration))
        }
        if limit <= 0 {
            return ClaimTurn(recorded: try record(outcomes, workerID: workerID), claimed: [])
        }
        let now = Date()
        let rows = try connection.query(
            Self.preparedRecordAndClaim,
            [OutcomeRecord.json(outcomes), workerID, limit, leaseDuration.seconds])
        let claimed = try rows.filter { try $0.optionalInt("id") != nil }
            .map { try Self.claimedJob($0, claimedAt: now) }
            .sorted { $0.id < $1.id }
        return ClaimTurn(recorded: try rows.first?.int("recorded") ?? 0, claimed: claimed)
    }

    /// A job as the claim's `RETURNING` gives it.
    private static func claimedJob(_ row: PostgresRow, claimedAt: Date) throws -> ClaimedJob {
        ClaimedJob(
            id: try row.int("id"), batchID: try row.int("batch_id"), account: try row.string("account"),
            targetAccount: try row.string("target_account"), leaseID: try row.string("lease_id"),
            attempt: try row.int("attempt"), claimedAt: claimedAt)
    }

    /// Extends the leases this process holds (fenced by lease id), records the `progress` of
    /// those that report one (phase and counts; a job without a report keeps what it had) and
    /// marks the worker alive, all in one statement whatever the number of jobs. Returns how
    /// many leases were extended and which of those jobs an operator asked to cancel.
    @discardableResult
    public func heartbeat(
        workerID: String, leaseIDs: [String], progress: [JobProgress] = [], leaseDuration: Duration
    ) throws -> Heartbeat {
        let rows = try connection.query("""
            WITH alive AS (
                UPDATE workers SET last_heartbeat = now() WHERE id = $1
            ), progress AS (
                SELECT * FROM unnest($4::uuid[], $5::text[], $6::int[], $7::int[], $8::timestamptz[])
                    AS p(lease, phase, done, total, changed_at)
            )
            UPDATE jobs j SET lease_until = now() + $3::float8 * interval '1 second',
                phase = coalesce(p.phase, j.phase), progress_done = coalesce(p.done, j.progress_done),
                progress_total = coalesce(p.total, j.progress_total), progress_at = coalesce(p.changed_at, j.progress_at)
            FROM unnest($2::uuid[]) AS held(lease) LEFT JOIN progress p ON p.lease = held.lease
            WHERE j.worker_id = $1 AND j.state = 'running' AND j.lease_id = held.lease
            RETURNING j.id, j.cancel_requested
            """, [workerID, leaseIDs, leaseDuration.seconds, progress.map(\.leaseID), progress.map(\.phase),
                  progress.map(\.done), progress.map(\.total), progress.map(\.changedAt)])
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
        let payload = OutcomeRecord.json(outcomes)
        let rows = try connection.query(Self.preparedRecord, [payload, workerID])
        return try rows.first?.int("recorded") ?? 0
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
            """, [jobs.map(\.id), jobs.map(\.leaseID)])
        return try rows.first?.int("released") ?? 0
    }
}
