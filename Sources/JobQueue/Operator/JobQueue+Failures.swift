import Foundation
import ICalendar
import Postgres

extension JobQueue {
    /// The batch's failed accounts, and the partial ones (imported with refused events), in job order:
    /// attempts, the last error (class, code, HTTP status, message) and the per-event errors.
    /// Holds them all: for a large batch, stream them with ``failures(batchName:fetchSize:_:)``.
    public func failures(batchName: String) throws -> [AccountFailure] {
        var failures: [AccountFailure] = []
        try self.failures(batchName: batchName) { failures.append($0) }
        return failures
    }

    /// Hands `body` the accounts of ``failures(batchName:)`` one at a time, read through a
    /// cursor `fetchSize` rows at a time. Returns how many there were.
    @discardableResult
    public func failures(batchName: String, fetchSize: Int = 1000, _ body: (AccountFailure) throws -> Void) throws -> Int {
        let batch = try requireBatch(batchName)
        let decoder = JSONDecoder()
        return try connection.forEachRow("""
            SELECT j.account, \(Self.accountStateSQL) AS state, j.attempt, r.error_class, r.error_code, r.http_status, r.message,
                   (SELECT coalesce(jsonb_agg(jsonb_build_object('uid', e.uid, 'recurrence_id', e.recurrence_id,
                                                                 'reason', e.reason)), '[]'::jsonb)::text
                    FROM item_errors e WHERE e.job_id = j.id) AS item_errors
            FROM jobs j
            LEFT JOIN job_results r ON r.job_id = j.id
            WHERE j.batch_id = $1::bigint
              AND \(Self.accountStateSQL) IN ('failed', 'partial')
            ORDER BY j.id
            """, [batch.id], fetchSize: fetchSize) { row in
            let state: AccountState = try row.value("state")
            let succeeded = state == .partial
            try body(AccountFailure(
                account: try row.string("account"), state: state, attempts: try row.int("attempt"),
                errorClass: succeeded ? nil : row["error_class"], errorCode: succeeded ? nil : row["error_code"],
                httpStatus: succeeded ? nil : try row.optionalInt("http_status"), message: succeeded ? nil : row["message"],
                itemErrors: try decoder.decode([ItemError].self, from: Data(try row.string("item_errors").utf8))))
        }
    }
}
