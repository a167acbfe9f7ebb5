import Foundation
import Postgres

extension JobQueue {
    /// Per-batch counts by state, events imported and failed accounts with their reasons;
    /// every batch, or only the one named `batchName`.
    public func status(batchName: String? = nil) throws -> [BatchStatus] {
        let state = Self.accountStateSQL
        let counts = try connection.query("""
            SELECT b.name, b.paused,
                   count(j.id) AS total,
                   count(j.id) FILTER (WHERE j.state = 'pending') AS pending,
                   count(j.id) FILTER (WHERE j.state = 'running') AS running,
                   count(j.id) FILTER (WHERE \(state) = 'succeeded') AS succeeded,
                   count(j.id) FILTER (WHERE \(state) = 'partial') AS partial,
                   count(j.id) FILTER (WHERE j.state = 'failed') AS failed,
                   count(j.id) FILTER (WHERE j.state = 'cancelled') AS cancelled,
                   coalesce(sum(r.imported), 0) AS events_imported
            FROM batches b
            LEFT JOIN jobs j ON j.batch_id = b.id
            LEFT JOIN job_results r ON r.job_id = j.id
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

    /// Failed accounts by batch name, with the message of their last failure.
    func failedAccounts(batchName: String?) throws -> [String: [BatchStatus.FailedAccount]] {
        try accountsByBatch(batchName: batchName, query: """
            SELECT b.name AS batch, j.account, coalesce(r.message, 'failed') AS reason
            FROM jobs j
            JOIN batches b ON b.id = j.batch_id
            LEFT JOIN job_results r ON r.job_id = j.id
            WHERE j.state = 'failed' AND ($1::text IS NULL OR b.name = $1)
            ORDER BY j.id
            """)
    }

    /// Partial accounts by batch name (at most 100 per batch), with how many of their kept
    /// components were refused and the first reason.
    func partialAccounts(batchName: String?) throws -> [String: [BatchStatus.FailedAccount]] {
        try accountsByBatch(batchName: batchName, query: """
            SELECT batch, account, reason FROM (
                SELECT b.name AS batch, j.account, j.id,
                       r.failed || ' of ' || r.components_kept || ' components refused'
                         || coalesce(', e.g. ' || (SELECT coalesce('UID ' || e.uid || ': ', '') || e.reason FROM item_errors e
                                                   WHERE e.job_id = j.id LIMIT 1), '') AS reason,
                       row_number() OVER (PARTITION BY b.id ORDER BY j.id) AS n
                FROM jobs j
                JOIN batches b ON b.id = j.batch_id
                JOIN job_results r ON r.job_id = j.id
                WHERE j.state = 'succeeded' AND r.failed > 0 AND ($1::text IS NULL OR b.name = $1)
            ) partial
            WHERE n <= 100
            ORDER BY batch, id
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
