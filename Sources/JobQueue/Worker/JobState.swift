import Postgres

/// The state of a job in the queue, as the `jobs.state` column keeps it (its CHECK constraint
/// lists the same five): `pending` → `running` (claimed under a lease) → `succeeded`, `failed`,
/// `cancelled`, or back to `pending` for a retry.
public enum JobState: String, Sendable, Codable, CaseIterable, PostgresBindable {
    /// Waiting to be claimed (possibly until a retry delay passes).
    case pending
    /// Claimed by a worker, under a lease.
    case running
    /// Finished, imported (perhaps with some components refused: see ``AccountState/partial``).
    case succeeded
    /// Finished for good without importing: a permanent failure or attempts used up.
    case failed
    /// Stopped by an operator.
    case cancelled
}
