import CalendarTargets
import Foundation
import Importer
import JobQueue
import Logging

/// A job runner that notes when each job reached it and succeeds at once: the wake-up
/// measurement waits on it.
final class ArrivalRunner: JobRunner, @unchecked Sendable {
    private let lock = NSLock()
    private var arrivals: [Date] = []
    private let arrived = DispatchSemaphore(value: 0)

    func run(_ job: ClaimedJob, batch: Batch, cancellation: CancellationCheck, progress: ImportProgress, logger: Logger) -> JobOutcome {
        lock.withLock { arrivals.append(Date()) }
        arrived.signal()
        return JobOutcome(job: job, result: .succeeded, counters: JobCounters())
    }

    /// When the next job reached the runner (waits for it, at most `timeout` seconds).
    func nextArrival(timeout: Double) -> Date? {
        guard arrived.wait(timeout: .now() + timeout) == .success else { return nil }
        return lock.withLock { arrivals.removeFirst() }
    }
}
