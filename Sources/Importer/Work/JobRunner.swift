import CalendarTargets
import JobQueue
import Logging

/// What a ``WorkerPool`` runs for each claimed job. Never throws: whatever goes wrong becomes
/// the returned outcome's failure. ``AccountImporter`` is the real one; benchmarks use a
/// runner that does nothing.
public protocol JobRunner: Sendable {
    /// Runs `job` of `batch` and returns the outcome to record. `cancellation` answers true
    /// once an operator cancelled the job (as of the pool's last heartbeat): the runner should
    /// stop at its next checkpoint and return a failure, which the queue records as `cancelled`.
    /// `progress` is the job's phase and components pushed; the pool records it with each
    /// heartbeat.
    func run(_ job: ClaimedJob, batch: Batch, cancellation: CancellationCheck, progress: ImportProgress, logger: Logger) -> JobOutcome
}

extension AccountImporter: JobRunner {}
