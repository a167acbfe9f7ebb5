/// What `cancel` did.
public struct CancelResult: Sendable, Equatable {
    /// Pending jobs now `cancelled`.
    public var cancelled: Int
    /// Running jobs asked to stop; they become `cancelled` at their next checkpoint.
    public var stopping: Int

    public init(cancelled: Int, stopping: Int) {
        self.cancelled = cancelled
        self.stopping = stopping
    }
}
