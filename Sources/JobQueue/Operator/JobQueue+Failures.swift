import Foundation
import ICalendar
import Postgres

extension JobQueue {
    /// The batch's failed accounts, and the partial ones (imported with refused events), in job order:
    /// attempts, the last error (class, code, HTTP status, message) and the per-event errors.
    public func failures(batchName: String) throws -> [AccountFailure] {
        let batch = try requireBatch(batchName)
        let rows = try connection.query("""
            SELECT j.account, \(Self.accountStateSQL) AS state, j.attempt, r.error_class, r.error_code, r.http_status, r.message,
                   (SELECT coalesce(jsonb_agg(jsonb_build_object('uid', e.uid, 'recurrence_id', e.recurrence_id,
                                                                 'reason', e.reason)), '[]'::jsonb)::text
                    FROM item_errors e WHERE e.job_id = j.id) AS item_errors
            FROM jobs j
            LEFT JOIN job_results r ON r.job_id = j.id
            WHERE j.batch_id = $1::bigint
              AND \(Self.accountStateSQL) IN ('failed', 'partial')
            ORDER BY j.id
            """, [batch.id])
        let decoder = JSONDecoder()
        return try rows.map { row in
            let state: AccountState = try row.value("state")
            let succeeded = state == .partial
            return AccountFailure(
                account: try row.string("account"), state: state, attempts: try row.int("attempt"),
                errorClass: succeeded ? nil : row["error_class"], errorCode: succeeded ? nil : row["error_code"],
                httpStatus: succeeded ? nil : try row.optionalInt("http_status"), message: succeeded ? nil : row["message"],
                itemErrors: try decoder.decode([ItemError].self, from: Data(try row.string("item_errors").utf8)))
        }
    }
}
