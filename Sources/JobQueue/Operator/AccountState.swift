import Postgres

/// The state of an account as operators see it: its job's ``JobState``, except that a
/// succeeded job some of whose components were refused is ``partial`` (derived by
/// `JobQueue.accountStateSQL`; the queue keeps such a job `succeeded`).
public enum AccountState: String, Sendable, Codable, CaseIterable, PostgresBindable {
    case pending, running, succeeded
    /// Succeeded, with some components refused.
    case partial
    case failed, cancelled
}
