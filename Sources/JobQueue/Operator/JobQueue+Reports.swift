import Foundation
import Postgres

extension JobQueue {
    /// Runs `body` in one read-only REPEATABLE READ transaction on the queue's connection, so
    /// that every read of a report (aggregates, listed accounts, the streamed rows of
    /// ``forEachAccountJob(batchName:chunkSize:_:)``) sees the same snapshot of the batch.
    /// The connection is held (other threads' statements wait) until `body` returns.
    public func readSnapshot<T>(_ body: () throws -> T) throws -> T {
        try connection.transaction { connection in
            try connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return try body()
        }
    }

    /// Calls `body` with every account of the batch, in account order, as
    /// ``accountJobs(_:)`` reads them, fetching `chunkSize` rows at a time through a server-side
    /// cursor: memory stays bounded by one chunk whatever the batch's size, and the first rows
    /// come before the database has read the last. Must run inside ``readSnapshot(_:)`` (a
    /// cursor lives in a transaction).
    public func forEachAccountJob(batchName: String, chunkSize: Int = 2000, _ body: (AccountJob) throws -> Void) throws {
        let batch = try requireBatch(batchName)
        try connection.query("""
            DECLARE calimport_report_rows NO SCROLL CURSOR FOR
            SELECT \(Self.accountJobColumns)
            FROM jobs j LEFT JOIN job_results r ON r.job_id = j.id
            WHERE j.batch_id = $1::bigint
            ORDER BY j.account
            """, [batch.id])
        while true {
            let rows = try connection.query("FETCH \(max(1, chunkSize)) FROM calimport_report_rows")
            for row in rows { try body(try Self.decodeAccountJob(row)) }
            if rows.count < chunkSize { break }
        }
        try connection.execute("CLOSE calimport_report_rows")
    }

    /// A batch's totals, summed in the database.
    public func batchTotals(batchName: String) throws -> BatchTotals {
        let batch = try requireBatch(batchName)
        let row = try connection.query("""
            SELECT count(*) AS accounts,
                   count(*) FILTER (WHERE j.state = 'pending') AS pending,
                   count(*) FILTER (WHERE j.state = 'running') AS running,
                   count(*) FILTER (WHERE \(Self.accountStateSQL) = 'succeeded') AS succeeded,
                   count(*) FILTER (WHERE \(Self.accountStateSQL) = 'partial') AS partial,
                   count(*) FILTER (WHERE j.state = 'failed') AS failed,
                   count(*) FILTER (WHERE j.state = 'cancelled') AS cancelled,
                   coalesce(sum(r.components_in_file), 0) AS in_file, coalesce(sum(r.components_kept), 0) AS kept,
                   coalesce(sum(r.imported), 0) AS imported, coalesce(sum(r.skipped), 0) AS skipped,
                   coalesce(sum(r.failed), 0) AS failed_events, coalesce(sum(r.bytes), 0) AS bytes
            FROM jobs j LEFT JOIN job_results r ON r.job_id = j.id
            WHERE j.batch_id = $1::bigint
            """, [batch.id]).first
        var totals = BatchTotals()
        guard let row else { return totals }
        totals.accounts = try row.int("accounts")
        totals.pending = try row.int("pending")
        totals.running = try row.int("running")
        totals.succeeded = try row.int("succeeded")
        totals.partial = try row.int("partial")
        totals.failed = try row.int("failed")
        totals.cancelled = try row.int("cancelled")
        totals.eventsInFile = try row.int("in_file")
        totals.eventsKept = try row.int("kept")
        totals.imported = try row.int("imported")
        totals.skipped = try row.int("skipped")
        totals.failedEvents = try row.int("failed_events")
        totals.bytes = try row.int("bytes")
        return totals
    }

    /// The outcomes of a batch's accounts per mail domain (the part after `@`), the `limit`
    /// largest domains first, and how many domains the batch has in all.
    public func domainOutcomes(batchName: String, limit: Int) throws -> (domains: [DomainOutcome], domainCount: Int) {
        let batch = try requireBatch(batchName)
        let rows = try connection.query("""
            SELECT split_part(j.account, '@', 2) AS domain, count(*) AS accounts,
                   count(*) FILTER (WHERE \(Self.accountStateSQL) = 'succeeded') AS succeeded,
                   count(*) FILTER (WHERE \(Self.accountStateSQL) = 'partial') AS partial,
                   count(*) FILTER (WHERE j.state = 'failed') AS failed,
                   count(*) FILTER (WHERE j.state IN ('pending', 'running')) AS unfinished,
                   count(*) FILTER (WHERE j.state = 'cancelled') AS cancelled,
                   count(*) OVER () AS domains
            FROM jobs j LEFT JOIN job_results r ON r.job_id = j.id
            WHERE j.batch_id = $1::bigint
            GROUP BY 1
            ORDER BY count(*) DESC, 1
            LIMIT $2::int
            """, [batch.id, limit])
        let outcomes = try rows.map { row in
            DomainOutcome(domain: try row.string("domain"), accounts: try row.int("accounts"), succeeded: try row.int("succeeded"),
                          partial: try row.int("partial"), failed: try row.int("failed"), unfinished: try row.int("unfinished"),
                          cancelled: try row.int("cancelled"))
        }
        return (outcomes, try rows.first?.int("domains") ?? 0)
    }

    /// The batch's failed accounts, then its partial ones, each in account order, at most
    /// `limit` of them (the report lists them; `failures` and the CSV report have them all).
    public func failedAndPartialAccounts(batchName: String, limit: Int) throws -> [AccountJob] {
        let batch = try requireBatch(batchName)
        return try connection.query("""
            SELECT \(Self.accountJobColumns)
            FROM jobs j LEFT JOIN job_results r ON r.job_id = j.id
            WHERE j.batch_id = $1::bigint AND \(Self.accountStateSQL) IN ('failed', 'partial')
            ORDER BY j.state = 'failed' DESC, j.account
            LIMIT $2::int
            """, [batch.id, limit])
        .map(Self.decodeAccountJob)
    }

    /// A batch's finished attempts in buckets of `bucketSeconds`, oldest first: accounts that
    /// succeeded, attempts that failed, events imported.
    public func throughput(batchName: String, bucketSeconds: Int) throws -> [ThroughputSample] {
        try throughputSeries(batchName: batchName, bucketSeconds: bucketSeconds, domains: nil)[""] ?? []
    }

    /// ``throughput(batchName:bucketSeconds:)`` of the accounts of each of `domains` (the part
    /// of the account after `@`), by domain.
    public func throughput(batchName: String, bucketSeconds: Int, domains: [String]) throws -> [String: [ThroughputSample]] {
        try throughputSeries(batchName: batchName, bucketSeconds: bucketSeconds, domains: domains)
    }

    /// The throughput of the whole batch (under the key "") or of each of `domains`.
    private func throughputSeries(batchName: String, bucketSeconds: Int, domains: [String]?) throws -> [String: [ThroughputSample]] {
        let batch = try requireBatch(batchName)
        let rows = try connection.query("""
            SELECT CASE WHEN $3::text[] IS NULL THEN '' ELSE split_part(j.account, '@', 2) END AS domain,
                   to_timestamp(floor(extract(epoch from a.finished_at) / $2::int) * $2::int) AS bucket,
                   count(*) FILTER (WHERE a.outcome = 'succeeded') AS succeeded,
                   count(*) FILTER (WHERE a.outcome <> 'succeeded') AS failed_attempts,
                   coalesce(sum(r.imported) FILTER (WHERE a.outcome = 'succeeded'), 0) AS events
            FROM job_attempts a
            JOIN jobs j ON j.id = a.job_id
            LEFT JOIN job_results r ON r.job_id = j.id
            WHERE j.batch_id = $1::bigint AND ($3::text[] IS NULL OR split_part(j.account, '@', 2) = ANY($3::text[]))
            GROUP BY 1, 2
            ORDER BY 1, 2
            """, [batch.id, bucketSeconds, domains])
        var series: [String: [ThroughputSample]] = [:]
        for row in rows {
            series[try row.string("domain"), default: []].append(
                ThroughputSample(start: try row.optionalDate("bucket") ?? Date(timeIntervalSince1970: 0),
                                 succeeded: try row.int("succeeded"), failedAttempts: try row.int("failed_attempts"),
                                 events: try row.int("events")))
        }
        return series
    }

    /// When a batch's first attempt started and its last one finished, nil when none did.
    public func activitySpan(batchName: String) throws -> ClosedRange<Date>? {
        let batch = try requireBatch(batchName)
        let row = try connection.query("""
            SELECT min(coalesce(a.started_at, a.finished_at)) AS first, max(a.finished_at) AS last
            FROM job_attempts a JOIN jobs j ON j.id = a.job_id
            WHERE j.batch_id = $1::bigint
            """, [batch.id]).first
        guard let first = try row?.optionalDate("first"), let last = try row?.optionalDate("last"), first <= last else { return nil }
        return first...last
    }
}
