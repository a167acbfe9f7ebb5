import Foundation
import Postgres

extension JobQueue {
    /// Per-batch counts by state, events imported and failed accounts with their reasons;
    /// every batch, or only the one named `batchName`. The counts are read from
    /// `batch_counters` (a few rows per batch, whatever its size); at most
    /// ``statusAccountLimit`` failed and partial accounts are listed per batch.
    public func status(batchName: String? = nil) throws -> [BatchStatus] {
        func counter(_ name: String) -> String {
            "coalesce(sum(c.value) FILTER (WHERE c.counter = '\(name)'), 0) AS \(name)"
        }
        let counts = try connection.query("""
            SELECT b.name, b.paused,
                   coalesce(sum(c.value) FILTER (WHERE c.counter <> 'events_imported'), 0) AS total,
                   \(AccountState.allCases.map { counter($0.rawValue) }.joined(separator: ", ")),
                   \(counter("events_imported"))
            FROM batches b
            LEFT JOIN batch_counters c ON c.batch_id = b.id
            WHERE $1::text IS NULL OR b.name = $1
            GROUP BY b.id
            ORDER BY b.id
            """, [batchName])
        let failures = try failedAccounts(batchName: batchName)
        let partials = try partialAccounts(batchName: batchName)
        return try counts.map { row in
            let name = try row.string("name")
            return BatchStatus(
                batch: name, paused: try row.bool("paused"), total: try row.int("total"),
                pending: try row.int("pending"), running: try row.int("running"),
                succeeded: try row.int("succeeded"), partial: try row.int("partial"), failed: try row.int("failed"),
                cancelled: try row.int("cancelled"), eventsImported: try row.int("events_imported"),
                failedAccounts: failures[name] ?? [], partialAccounts: partials[name] ?? [])
        }
    }

    /// How many failed and how many partial accounts ``status(batchName:)`` lists per batch
    /// (the counts are complete; `jobs --state` and `failures` list them all).
    public static let statusAccountLimit = 100

    /// Failed accounts by batch name (the first ``statusAccountLimit`` per batch, in job
    /// order), with the message of their last failure.
    func failedAccounts(batchName: String?) throws -> [String: [BatchStatus.FailedAccount]] {
        try accountsByBatch(batchName: batchName, query: """
            SELECT b.name AS batch, f.account, f.reason
            FROM batches b
            CROSS JOIN LATERAL (
                SELECT j.account, coalesce(r.message, 'failed') AS reason
                FROM jobs j LEFT JOIN job_results r ON r.job_id = j.id
                WHERE j.batch_id = b.id AND j.state = 'failed'
                ORDER BY j.id
                LIMIT \(Self.statusAccountLimit)
            ) f
            WHERE $1::text IS NULL OR b.name = $1
            ORDER BY b.id
            """)
    }

    /// Partial accounts by batch name (the first ``statusAccountLimit`` per batch, in job
    /// order), with how many of their kept components were refused and the first reason.
    /// Read from the results with refused components (`job_results_refused_idx`), not from
    /// every succeeded job.
    func partialAccounts(batchName: String?) throws -> [String: [BatchStatus.FailedAccount]] {
        try accountsByBatch(batchName: batchName, query: """
            SELECT b.name AS batch, p.account,
                   p.failed || ' of ' || p.components_kept || ' components refused'
                     || coalesce(', e.g. ' || (SELECT coalesce('UID ' || e.uid || ': ', '') || e.reason FROM item_errors e
                                               WHERE e.job_id = p.id LIMIT 1), '') AS reason
            FROM batches b
            CROSS JOIN LATERAL (
                SELECT j.id, j.account, r.failed, r.components_kept
                FROM job_results r JOIN jobs j ON j.id = r.job_id
                WHERE r.failed > 0 AND j.batch_id = b.id AND j.state = 'succeeded'
                ORDER BY j.id
                LIMIT \(Self.statusAccountLimit)
            ) p
            WHERE $1::text IS NULL OR b.name = $1
            ORDER BY b.id, p.id
            """)
    }

    private func accountsByBatch(batchName: String?, query: String) throws -> [String: [BatchStatus.FailedAccount]] {
        let rows = try connection.query(query, [batchName])
        var byBatch: [String: [BatchStatus.FailedAccount]] = [:]
        for row in rows {
            byBatch[try row.string("batch"), default: []].append(
                BatchStatus.FailedAccount(account: try row.string("account"), reason: try row.string("reason")))
        }
        return byBatch
    }
}
