import Foundation
@testable import JobQueue
import Logging
import Postgres
import TestSupport

/// A migrated queue in a fresh database.
struct QueueFixture {
    let url: String
    let queue: JobQueue
    static let logger = Logger(label: "calimport.tests")

    init(url: String) throws {
        self.url = url
        self.queue = try JobQueue.open(url: url, logger: Self.logger)
    }

    /// Another connection to the same queue (another worker process, as far as the queue can tell).
    func secondQueue() throws -> JobQueue {
        try JobQueue.open(url: url, logger: Self.logger)
    }

    static func definition(_ name: String = "b1", target: String = "file:///tmp/out", maxAttempts: Int = 8) -> BatchDefinition {
        BatchDefinition(name: name, source: "/tmp/in", target: target, maxAttempts: maxAttempts)
    }

    func states(_ batch: String = "b1") throws -> [String: Int] {
        let rows = try queue.connection.query("""
            SELECT j.state, count(*) AS n FROM jobs j JOIN batches b ON b.id = j.batch_id
            WHERE b.name = $1 GROUP BY j.state
            """, [batch])
        return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.string("state"), try $0.int("n")) })
    }

    func outcome(_ job: ClaimedJob, failing failure: JobFailure? = nil, delay: Duration = .zero) -> JobOutcome {
        if let failure {
            return JobOutcome(job: job, result: .failed(failure, retryDelay: delay), counters: JobCounters())
        }
        return JobOutcome(job: job, result: .succeeded, counters: JobCounters(componentsInFile: 3, componentsKept: 2, imported: 2))
    }
}
