import Foundation
import Postgres

extension JobQueue {
    /// The accounts of a batch with their state, attempts, counters and last error, in account
    /// order; filtered by state and account glob. Holds them all: for a large batch, stream
    /// them with ``accountJobs(_:fetchSize:_:)``.
    public func accountJobs(_ filter: AccountJobFilter) throws -> [AccountJob] {
        var jobs: [AccountJob] = []
        try accountJobs(filter) { jobs.append($0) }
        return jobs
    }

    /// Hands `body` the accounts of ``accountJobs(_:)`` one at a time, read through a cursor
    /// `fetchSize` rows at a time: memory stays bounded and the first account comes before the
    /// query has read the last. Returns how many there were.
    @discardableResult
    public func accountJobs(_ filter: AccountJobFilter, fetchSize: Int = 1000, _ body: (AccountJob) throws -> Void) throws -> Int {
        try connection.forEachRow("""
            SELECT \(Self.accountJobColumns)
            FROM jobs j
            JOIN batches b ON b.id = j.batch_id
            LEFT JOIN job_results r ON r.job_id = j.id
            WHERE b.name = $1 AND ($2::text IS NULL OR \(Self.accountStateSQL) = $2) AND ($3::text IS NULL OR j.account LIKE $3)
            ORDER BY j.account
            """, [filter.batch, filter.state, filter.likePattern], fetchSize: fetchSize) { row in
            try body(try Self.decodeAccountJob(row))
        }
    }

    /// The select list ``decodeAccountJob(_:)`` reads, over `jobs j LEFT JOIN job_results r`.
    static let accountJobColumns = """
        j.account, coalesce(j.target_account, j.account) AS target_account, \(accountStateSQL) AS state, j.attempt,
        coalesce(r.components_in_file, 0) AS components_in_file, coalesce(r.components_kept, 0) AS components_kept,
        coalesce(r.imported, 0) AS imported, coalesce(r.skipped, 0) AS skipped, coalesce(r.failed, 0) AS failed,
        coalesce(r.bytes, 0) AS bytes, coalesce(r.derived_uids, 0) AS derived_uids, coalesce(r.duration_ms, 0) AS duration_ms,
        r.error_class, r.error_code, r.http_status, r.message,
        r.updated_at AS finished_at, \(LiveProgress.columns)
        """

    static func decodeAccountJob(_ row: PostgresRow) throws -> AccountJob {
        AccountJob(
            account: try row.string("account"), targetAccount: try row.string("target_account"), state: try row.value("state"),
            attempts: try row.int("attempt"), eventsInFile: try row.int("components_in_file"),
            eventsKept: try row.int("components_kept"), imported: try row.int("imported"), skipped: try row.int("skipped"),
            failed: try row.int("failed"), bytes: try row.int("bytes"), derivedUIDs: try row.int("derived_uids"), durationMs: try row.int("duration_ms"),
            errorClass: row["error_class"], errorCode: row["error_code"],
            httpStatus: try row.optionalInt("http_status"), lastError: row["message"],
            finishedAt: try row.optionalDate("finished_at"), progress: try LiveProgress.read(row))
    }
}
