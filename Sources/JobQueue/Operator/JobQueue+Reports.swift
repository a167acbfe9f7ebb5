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
    /// come before the database has read the last. Run it inside ``readSnapshot(_:)`` so its
    /// rows and the report's aggregates agree (the cursor joins that transaction).
    public func forEachAccountJob(batchName: String, chunkSize: Int = 2000, _ body: (AccountJob) throws -> Void) throws {
        let batch = try requireBatch(batchName)
        _ = try connection.forEachRow("""
            SELECT \(Self.accountJobColumns)
            FROM jobs j LEFT JOIN job_results r ON r.job_id = j.id
            WHERE j.batch_id = $1::bigint
            ORDER BY j.account
            """, [batch.id], fetchSize: max(1, chunkSize)) { row in
            try body(try Self.decodeAccountJob(row))
        }
    }

    /// A batch's totals and those of its `domainLimit` largest mail domains (the part of the
    /// account after `@`), largest first, with how many domains it has in all: one pass over the
    /// batch's jobs, summed in the database.
    public func outcomes(batchName: String, domainLimit: Int) throws -> (totals: BatchTotals, domains: [DomainOutcome], domainCount: Int) {
        let batch = try requireBatch(batchName)
        let counters = ["accounts", "pending", "running", "succeeded", "partial", "failed", "cancelled",
                        "in_file", "kept", "imported", "skipped", "failed_events", "bytes"]
        let rows = try connection.query("""
            WITH per_domain AS (
                SELECT split_part(j.account, '@', 2) AS domain, count(*) AS accounts,
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
                GROUP BY 1
            )
            SELECT * FROM (
                SELECT false AS whole, * FROM per_domain ORDER BY accounts DESC, domain LIMIT $2::int
            ) largest
            UNION ALL
            SELECT true, (SELECT count(*) FROM per_domain)::text,
                   \(counters.map { "coalesce(sum(\($0)), 0)" }.joined(separator: ", "))
            FROM per_domain
            """, [batch.id, domainLimit])
        func totals(_ row: PostgresRow) throws -> BatchTotals {
            var totals = BatchTotals()
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
        var batchTotals = BatchTotals(), domains: [DomainOutcome] = [], domainCount = 0
        for row in rows {
            if try row.bool("whole") {
                batchTotals = try totals(row)
                domainCount = Int(try row.string("domain")) ?? 0
            } else {
                domains.append(DomainOutcome(domain: try row.string("domain"), totals: try totals(row)))
            }
        }
        return (batchTotals, domains, domainCount)
    }

    /// The batch's failed accounts, then its partial ones, each in account order, at most
    /// `limit` of them (the report lists them; `failures` and the CSV report have them all).
    /// The failed ones come from the state index; the partial ones are looked for only when
    /// the failed ones leave room.
    public func failedAndPartialAccounts(batchName: String, limit: Int) throws -> [AccountJob] {
        let batch = try requireBatch(batchName)
        var accounts: [AccountJob] = []
        for state in [AccountState.failed, .partial] where accounts.count < limit {
            accounts += try connection.query("""
                SELECT \(Self.accountJobColumns)
                FROM jobs j LEFT JOIN job_results r ON r.job_id = j.id
                WHERE j.batch_id = $1::bigint AND j.state = $2 AND \(Self.accountStateSQL) = $3
                ORDER BY j.account
                LIMIT $4::int
                """, [batch.id, state == .failed ? "failed" : "succeeded", state.rawValue, limit - accounts.count])
            .map(Self.decodeAccountJob)
        }
        return accounts
    }

    /// A batch's finished attempts in buckets of `bucketSeconds`, oldest first (accounts that
    /// succeeded, attempts that failed, events imported): of the whole batch, and of each of
    /// `domains` (the part of the account after `@`) — one pass over the attempts.
    public func throughput(batchName: String, bucketSeconds: Int, domains: [String]) throws
        -> (batch: [ThroughputSample], byDomain: [String: [ThroughputSample]])
    {
        let batch = try requireBatch(batchName)
        let rows = try connection.query("""
            SELECT grouping(domain) = 1 AS whole, coalesce(domain, '') AS domain, bucket,
                   count(*) FILTER (WHERE outcome = 'succeeded') AS succeeded,
                   count(*) FILTER (WHERE outcome <> 'succeeded') AS failed_attempts,
                   coalesce(sum(imported) FILTER (WHERE outcome = 'succeeded'), 0) AS events
            FROM (
                SELECT CASE WHEN split_part(j.account, '@', 2) = ANY($3::text[]) THEN split_part(j.account, '@', 2) END AS domain,
                       to_timestamp(floor(extract(epoch from a.finished_at) / $2::int) * $2::int) AS bucket,
                       a.outcome, r.imported
                FROM job_attempts a
                JOIN jobs j ON j.id = a.job_id
                LEFT JOIN job_results r ON r.job_id = j.id
                WHERE j.batch_id = $1::bigint
            ) attempts
            GROUP BY GROUPING SETS ((bucket), (domain, bucket))
            HAVING grouping(domain) = 1 OR domain IS NOT NULL
            ORDER BY 1, 2, 3
            """, [batch.id, bucketSeconds, domains])
        var whole: [ThroughputSample] = [], byDomain: [String: [ThroughputSample]] = [:]
        for row in rows {
            let sample = ThroughputSample(start: try row.optionalDate("bucket") ?? Date(timeIntervalSince1970: 0),
                                          succeeded: try row.int("succeeded"), failedAttempts: try row.int("failed_attempts"),
                                          events: try row.int("events"))
            if try row.bool("whole") { whole.append(sample) } else { byDomain[try row.string("domain"), default: []].append(sample) }
        }
        return (whole, byDomain)
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
