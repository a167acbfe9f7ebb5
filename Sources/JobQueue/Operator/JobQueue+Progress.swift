import Foundation
import Postgres

extension JobQueue {
    /// Per batch (every batch, or the one named): accounts that finished and events imported in
    /// the last `seconds` (or since the batch was created, when that is shorter), by the time
    /// their result was recorded.
    public func recentRates(batchName: String?, seconds: Double) throws -> [BatchRates] {
        try connection.query("""
            SELECT b.name,
                   count(f.job_id) AS finished,
                   coalesce(sum(f.imported), 0) AS events,
                   greatest(1, least($2::float8, extract(epoch from now() - b.created_at)::float8)) AS interval
            FROM batches b
            LEFT JOIN (
                SELECT j.batch_id, r.job_id, r.imported
                FROM job_results r JOIN jobs j ON j.id = r.job_id
                WHERE r.updated_at >= now() - $2::float8 * interval '1 second' AND j.state IN ('succeeded', 'failed')
            ) f ON f.batch_id = b.id
            WHERE $1::text IS NULL OR b.name = $1
            GROUP BY b.id
            ORDER BY b.id
            """, [batchName, seconds])
        .map { row in
            BatchRates(batch: try row.string("name"), intervalSeconds: Double(try row.string("interval")) ?? seconds,
                       accountsFinished: try row.int("finished"), eventsImported: try row.int("events"))
        }
    }

    /// The running accounts of a batch (or of every batch, when `batchName` is nil) that have
    /// run longest, longest first, with their live progress.
    public func slowestRunningJobs(batchName: String?, limit: Int) throws -> [RunningJob] {
        try connection.query("""
            SELECT b.name, j.account, j.attempt, coalesce(j.worker_id, '?') AS worker_id,
                   coalesce(extract(epoch from now() - j.started_at), 0)::float8 AS elapsed, \(LiveProgress.columns)
            FROM jobs j JOIN batches b ON b.id = j.batch_id
            WHERE ($1::text IS NULL OR b.name = $1) AND j.state = 'running'
            ORDER BY j.started_at NULLS LAST, j.id
            LIMIT $2::int
            """, [batchName, limit])
        .map { row in
            RunningJob(batch: try row.string("name"), account: try row.string("account"), attempt: try row.int("attempt"),
                       workerID: try row.string("worker_id"), elapsedSeconds: Double(try row.string("elapsed")) ?? 0,
                       progress: try LiveProgress.read(row))
        }
    }

    /// The failed accounts of a batch counted by error class and code, most frequent first.
    public func failureClasses(batchName: String) throws -> [FailureClassCount] {
        try connection.query("""
            SELECT coalesce(r.error_class, 'permanent') AS error_class, coalesce(r.error_code, 'unknown') AS error_code,
                   count(*) AS accounts, min(coalesce(r.message, 'failed')) AS example
            FROM jobs j JOIN batches b ON b.id = j.batch_id
            LEFT JOIN job_results r ON r.job_id = j.id
            WHERE b.name = $1 AND j.state = 'failed'
            GROUP BY 1, 2
            ORDER BY count(*) DESC, 2
            """, [batchName])
        .map { row in
            FailureClassCount(errorClass: try row.string("error_class"), errorCode: try row.string("error_code"),
                              accounts: try row.int("accounts"), example: try row.string("example"))
        }
    }

    /// Worker processes that have not stopped and sent a heartbeat in the last `seconds`, with
    /// the number of jobs each holds.
    public func liveWorkers(heartbeatWithin seconds: Double) throws -> [WorkerActivity] {
        try connection.query("""
            SELECT w.id, w.host, w.pid, w.slots,
                   (SELECT count(*) FROM jobs j WHERE j.worker_id = w.id AND j.state = 'running') AS running,
                   extract(epoch from now() - w.last_heartbeat)::float8 AS age
            FROM workers w
            WHERE w.stopped_at IS NULL AND w.last_heartbeat >= now() - $1::float8 * interval '1 second'
            ORDER BY w.started_at, w.id
            """, [seconds])
        .map { row in
            WorkerActivity(id: try row.string("id"), host: try row.string("host"), pid: try row.int("pid"),
                           slots: try row.int("slots"), running: try row.int("running"),
                           heartbeatAgeSeconds: Double(try row.string("age")) ?? 0)
        }
    }
}
