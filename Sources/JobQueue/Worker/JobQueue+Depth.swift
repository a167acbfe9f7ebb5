import Foundation
import Postgres

extension JobQueue {
    /// Pending and running jobs per batch, for batches that have any (metrics).
    public func unfinishedJobsByBatch() throws -> [(batch: String, pending: Int, running: Int)] {
        try connection.query("""
            SELECT b.name,
                   count(*) FILTER (WHERE j.state = 'pending') AS pending,
                   count(*) FILTER (WHERE j.state = 'running') AS running
            FROM jobs j JOIN batches b ON b.id = j.batch_id
            WHERE j.state IN ('pending', 'running')
            GROUP BY b.name
            """)
        .map { (try $0.string("name"), try $0.int("pending"), try $0.int("running")) }
    }
}
