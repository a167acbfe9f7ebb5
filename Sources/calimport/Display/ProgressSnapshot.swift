import Foundation
import JobQueue

/// One reading of the queue for the progress displays: per batch its counts and recent pace,
/// the accounts running longest with their progress, and the live workers.
struct ProgressSnapshot {
    /// Seconds over which rates are measured.
    static let rateInterval: Double = 60
    /// Running accounts shown, longest running first.
    static let slowestShown = 5

    var taken: Date
    var batches: [(status: BatchStatus, rates: BatchRates)]
    var slowestRunning: [RunningJob]
    var workers: [WorkerActivity]

    /// Reads the batches (all, or the one named), their accounts running longest and the
    /// workers that beat in the last 60 s.
    static func read(_ queue: JobQueue, batch: String?) throws -> ProgressSnapshot {
        let statuses = try queue.status(batchName: batch)
        let rates = Dictionary(try queue.recentRates(batchName: batch, seconds: rateInterval).map { ($0.batch, $0) }) { $1 }
        return ProgressSnapshot(
            taken: Date(),
            batches: statuses.map { ($0, rates[$0.batch] ?? BatchRates(batch: $0.batch, intervalSeconds: rateInterval, accountsFinished: 0, eventsImported: 0)) },
            slowestRunning: try queue.slowestRunningJobs(batchName: batch, limit: slowestShown),
            workers: try queue.liveWorkers(heartbeatWithin: 60))
    }
}
