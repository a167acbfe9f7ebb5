/// What one heartbeat found.
public struct Heartbeat: Sendable, Equatable {
    /// Leases extended (the jobs this process still holds).
    public var extended: Int
    /// Of those, the jobs an operator asked to cancel: the worker should stop them at their
    /// next checkpoint.
    public var cancelRequested: Set<Int>

    public init(extended: Int, cancelRequested: Set<Int>) {
        self.extended = extended
        self.cancelRequested = cancelRequested
    }
}
