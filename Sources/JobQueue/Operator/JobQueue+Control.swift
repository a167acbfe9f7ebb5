import Foundation
import Postgres

extension JobQueue {
    /// Pauses or resumes the batch named `batchName`: workers claim no job of a paused batch;
    /// running ones finish. Resuming notifies idle workers. Throws
    /// ``JobQueueError/Code/batchNotFound`` when there is no such batch.
    public func setPaused(_ paused: Bool, batchName: String) throws {
        let rows = try connection.query(
            "UPDATE batches SET paused = $2::boolean WHERE name = $1 RETURNING id", [batchName, paused])
        guard !rows.isEmpty else { throw Self.noSuchBatch(batchName) }
        if !paused { try connection.notify(Self.notificationChannel, payload: batchName) }
    }

    /// Cancels the batch's pending jobs (or only those of `accounts`) at once, and asks the
    /// workers running the others to stop them: a worker learns it at its next heartbeat and
    /// stops the import at its next checkpoint; the job ends `cancelled` when that outcome is
    /// recorded (or when it is released or its lease rescued).
    public func cancel(batchName: String, accounts: [String]? = nil) throws -> CancelResult {
        let batch = try requireBatch(batchName)
        let rows = try connection.query("""
            WITH chosen AS (
                SELECT id, state FROM jobs
                WHERE batch_id = $1::bigint AND state IN ('pending', 'running')
                  AND ($2::text[] IS NULL OR account = ANY($2::text[]))
                FOR UPDATE
            ), cancelled AS (
                UPDATE jobs j SET state = 'cancelled', run_after = now()
                FROM chosen c WHERE j.id = c.id AND c.state = 'pending'
                RETURNING 1
            ), flagged AS (
                UPDATE jobs j SET cancel_requested = true
                FROM chosen c WHERE j.id = c.id AND c.state = 'running'
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM cancelled) AS cancelled, (SELECT count(*) FROM flagged) AS stopping
            """, [batch.id, accounts])
        let row = rows.first
        return CancelResult(cancelled: try row?.int("cancelled") ?? 0, stopping: try row?.int("stopping") ?? 0)
    }

    /// Moves the chosen failed (or, when named by account, cancelled) jobs back to `pending`
    /// with a fresh attempt budget; their attempt history stays. Notifies idle workers and
    /// returns how many were requeued.
    public func retry(batchName: String, selection: RetrySelection) throws -> Int {
        let batch = try requireBatch(batchName)
        var accounts: [String]?
        var errorClass: String?
        var states: [AccountState] = [.failed]
        switch selection {
        case .failed: break
        case let .accounts(names):
            accounts = names
            states = [.failed, .cancelled]
        case let .errorClass(name): errorClass = name
        case .partial: states = [.partial]
        }
        let rows = try connection.query("""
            WITH requeued AS (
                UPDATE jobs
                SET state = 'pending', run_after = now(), attempt_floor = selected.attempt, cancel_requested = false,
                    lease_id = NULL, lease_until = NULL
                FROM (
                    SELECT j.id, j.attempt
                    FROM jobs j
                    LEFT JOIN job_results r ON r.job_id = j.id
                    WHERE j.batch_id = $1::bigint AND \(Self.accountStateSQL) = ANY($2::text[])
                      AND ($3::text[] IS NULL OR j.account = ANY($3::text[]))
                      AND ($4::text IS NULL OR r.error_class = $4 OR r.error_code = $4)
                    FOR UPDATE OF j
                ) selected
                WHERE jobs.id = selected.id
                RETURNING 1
            )
            SELECT count(*) AS requeued FROM requeued
            """, [batch.id, states, accounts, errorClass])
        let requeued = try rows.first?.int("requeued") ?? 0
        if requeued > 0 { try connection.notify(Self.notificationChannel, payload: batchName) }
        return requeued
    }

    /// Deletes a finished batch with all its jobs, results, attempt history and item errors.
    /// Refuses (``JobQueueError/Code/batchUnfinished``) while any of its jobs is pending or
    /// running. Returns how many jobs were deleted.
    public func pruneBatch(named batchName: String) throws -> Int {
        try connection.transaction { connection in
            let batch = try requireBatch(batchName)
            let locked = try connection.query("SELECT id FROM batches WHERE id = $1::bigint FOR UPDATE", [batch.id])
            guard !locked.isEmpty else { throw Self.noSuchBatch(batchName) }
            let unfinished = try connection.query("""
                SELECT count(*) AS unfinished FROM jobs WHERE batch_id = $1::bigint AND state IN ('pending', 'running')
                """, [batch.id])
            let count = try unfinished.first?.int("unfinished") ?? 0
            guard count == 0 else {
                throw JobQueueError(code: .batchUnfinished, message: "batch '\(batchName)' still has \(count) pending or running jobs; cancel it or let it finish first")
            }
            let deleted = try connection.query("""
                WITH gone AS (DELETE FROM jobs WHERE batch_id = $1::bigint RETURNING 1),
                     batch AS (DELETE FROM batches WHERE id = $1::bigint)
                SELECT count(*) AS deleted FROM gone
                """, [batch.id])
            return try deleted.first?.int("deleted") ?? 0
        }
    }

    /// The batch named `name`, or ``JobQueueError/Code/batchNotFound``.
    func requireBatch(_ name: String) throws -> Batch {
        guard let batch = try batch(named: name) else { throw Self.noSuchBatch(name) }
        return batch
    }

    static func noSuchBatch(_ name: String) -> JobQueueError {
        JobQueueError(code: .batchNotFound, message: "no batch named '\(name)'")
    }
}
