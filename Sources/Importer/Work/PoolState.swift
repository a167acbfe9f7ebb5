import CalendarTargets
import Foundation
import JobQueue

/// The mutable state of a ``WorkerPool``, behind a lock.
final class PoolState: @unchecked Sendable {
    struct Values {
        var stopping = false
        /// Jobs a slot is running now.
        var running: [Int: ClaimedJob] = [:]
        /// The progress of each running job, by job id.
        var progress: [Int: ImportProgress] = [:]
        /// Outcomes of finished jobs not recorded yet (their leases are still held).
        var completed: [JobOutcome] = []
        var freeSlots: [Int] = []
        /// Running jobs an operator asked to cancel, as the last heartbeat saw them.
        var cancelRequested: Set<Int> = []

        /// The leases this process holds: running jobs and finished ones not recorded yet.
        var leaseIDs: [String] { running.values.map(\.leaseID) + completed.map(\.job.leaseID) }

        /// The progress of the running jobs as the heartbeat records it.
        var progressReports: [JobProgress] {
            running.values.compactMap { job in
                progress[job.id].map { progress in
                    let now = progress.snapshot
                    return JobProgress(leaseID: job.leaseID, phase: now.phase.rawValue, done: now.done, total: now.total,
                                       changedAt: now.changedAt)
                }
            }
        }

        /// Nothing running and nothing left to record.
        var isIdle: Bool { running.isEmpty && completed.isEmpty }
    }

    private let lock = NSLock()
    private var values = Values()

    func withLock<T>(_ body: (inout Values) throws -> T) rethrows -> T {
        try lock.withLock { try body(&values) }
    }
}
