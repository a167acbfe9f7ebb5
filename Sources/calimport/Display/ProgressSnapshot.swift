import Foundation
import JobQueue

/// One reading of the queue for the progress displays: per batch its counts and recent pace,
/// and the live workers.
struct ProgressSnapshot {
    /// Seconds over which rates are measured.
    static let rateInterval: Double = 60

    var taken: Date
    var batches: [(status: BatchStatus, rates: BatchRates)]
    var workers: [WorkerActivity]

    /// Reads the batches (all, or the one named) and the workers that beat in the last 60 s.
    static func read(_ queue: JobQueue, batch: String?) throws -> ProgressSnapshot {
        let statuses = try queue.status(batchName: batch)
        let rates = Dictionary(try queue.recentRates(batchName: batch, seconds: rateInterval).map { ($0.batch, $0) }) { $1 }
        return ProgressSnapshot(
            taken: Date(),
            batches: statuses.map { ($0, rates[$0.batch] ?? BatchRates(batch: $0.batch, intervalSeconds: rateInterval, accountsFinished: 0, eventsImported: 0)) },
            workers: try queue.liveWorkers(heartbeatWithin: 60))
    }
}
