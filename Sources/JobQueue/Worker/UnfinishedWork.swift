/// What keeps a `work --until-idle` process from exiting: jobs running somewhere, and jobs
/// pending in batches that are not paused.
public struct UnfinishedWork: Sendable, Equatable {
    /// Some job is running (in any process): it may end, or come back for a retry, at any moment.
    public var running: Bool
    /// Some job is pending in a batch that is not paused (perhaps not due before its `run_after`).
    public var pending: Bool

    public init(running: Bool, pending: Bool) {
        self.running = running
        self.pending = pending
    }

    /// Nothing running and nothing pending: an idle worker may exit.
    public var isNone: Bool { !running && !pending }
}
