import Foundation
import Postgres

extension JobQueue {
    /// A batch's finished attempts in buckets of `bucketSeconds`, oldest first: accounts that
    /// succeeded, attempts that failed, events imported.
    public func throughput(batchName: String, bucketSeconds: Int) throws -> [ThroughputSample] {
        try connection.query("""
            SELECT to_timestamp(floor(extract(epoch from a.finished_at) / $2::int) * $2::int) AS bucket,
                   count(*) FILTER (WHERE a.outcome = 'succeeded') AS succeeded,
                   count(*) FILTER (WHERE a.outcome <> 'succeeded') AS failed_attempts,
                   coalesce(sum(r.imported) FILTER (WHERE a.outcome = 'succeeded'), 0) AS events
            FROM job_attempts a
            JOIN jobs j ON j.id = a.job_id
            JOIN batches b ON b.id = j.batch_id
            LEFT JOIN job_results r ON r.job_id = j.id
            WHERE b.name = $1
            GROUP BY 1
            ORDER BY 1
            """, [batchName, bucketSeconds])
        .map { row in
            ThroughputSample(start: try row.optionalDate("bucket") ?? Date(timeIntervalSince1970: 0),
                             succeeded: try row.int("succeeded"), failedAttempts: try row.int("failed_attempts"),
                             events: try row.int("events"))
        }
    }

    /// When a batch's first attempt started and its last one finished, nil when none did.
    public func activitySpan(batchName: String) throws -> ClosedRange<Date>? {
        let row = try connection.query("""
            SELECT min(coalesce(a.started_at, a.finished_at)) AS first, max(a.finished_at) AS last
            FROM job_attempts a JOIN jobs j ON j.id = a.job_id JOIN batches b ON b.id = j.batch_id
            WHERE b.name = $1
            """, [batchName]).first
        guard let first = try row?.optionalDate("first"), let last = try row?.optionalDate("last"), first <= last else { return nil }
        return first...last
    }
}
