import JobQueue
import Logging

/// What a ``WorkerPool`` runs for each claimed job. Never throws: whatever goes wrong becomes
/// the returned outcome's failure. ``AccountImporter`` is the real one; benchmarks use a
/// runner that does nothing.
public protocol JobRunner: Sendable {
    /// Runs `job` of `batch` and returns the outcome to record.
    func run(_ job: ClaimedJob, batch: Batch, logger: Logger) -> JobOutcome
}

extension AccountImporter: JobRunner {}
