import Foundation
import Postgres

/// Gives back the jobs whose lease expired (their worker died or lost the database), at most
/// once per ``interval`` for the whole database however many worker processes run one: a
/// pass first claims the one row of `queue_maintenance` with `FOR UPDATE SKIP LOCKED` and goes
/// on only when the last pass is at least an interval old, so a process finding the row
/// locked (another pass under way) or fresh skips its turn. Apart from heartbeats, which
/// every process sends for its own leases.
public struct LeaseRescuer: Sendable {
    /// The queue whose connection the passes run on.
    public let queue: JobQueue
    /// The least time between two passes over the database.
    public let interval: Duration

    public init(queue: JobQueue, interval: Duration) {
        self.queue = queue
        self.interval = interval
    }

    /// Runs a rescue pass (``JobQueue/rescueExpiredLeases()``) if no process ran one within
    /// the interval, and returns how many jobs it rescued; nil when it was not this process's
    /// turn.
    public func rescueIfDue() throws -> Int? {
        try queue.connection.transaction { connection in
            let due = try connection.query("""
                SELECT id FROM queue_maintenance
                WHERE id = 1 AND last_rescue <= now() - $1::float8 * interval '1 second'
                FOR UPDATE SKIP LOCKED
                """, [interval.seconds])
            guard !due.isEmpty else { return nil }
            let rescued = try queue.rescueExpiredLeases()
            try connection.query("UPDATE queue_maintenance SET last_rescue = now() WHERE id = 1")
            return rescued
        }
    }
}
