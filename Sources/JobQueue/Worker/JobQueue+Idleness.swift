import Foundation
import Postgres

extension JobQueue {
    /// Whether any job is running, and whether any is pending in a batch that is not paused, in
    /// one statement (both answered from the partial indexes on `state`).
    public func unfinishedWork() throws -> UnfinishedWork {
        let rows = try connection.query("""
            SELECT EXISTS (SELECT 1 FROM jobs WHERE state = 'running') AS running,
                   EXISTS (
                       SELECT 1 FROM jobs j JOIN batches b ON b.id = j.batch_id
                       WHERE j.state = 'pending' AND NOT b.paused
                   ) AS pending
            """)
        guard let row = rows.first else { return UnfinishedWork(running: false, pending: false) }
        return UnfinishedWork(running: try row.bool("running"), pending: try row.bool("pending"))
    }
}
