import Foundation

/// A running job's progress as a worker reports it with its heartbeat: the phase of the import
/// and the components pushed so far, of how many.
public struct JobProgress: Sendable, Equatable {
    /// The lease the job runs under (the heartbeat's fence).
    public var leaseID: String
    /// `reading`, `filtering`, `pushing` or `verifying`.
    public var phase: String
    /// Components pushed so far.
    public var done: Int
    /// Components to push, once known.
    public var total: Int?
    /// When the worker last saw the phase or the count change.
    public var changedAt: Date

    public init(leaseID: String, phase: String, done: Int, total: Int?, changedAt: Date) {
        self.leaseID = leaseID
        self.phase = phase
        self.done = done
        self.total = total
        self.changedAt = changedAt
    }
}
