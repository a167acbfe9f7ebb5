/// Answers "should this import stop?": a worker's way of telling a running import that an
/// operator cancelled its job. Targets ask it at their checkpoints (between items, before a
/// request that writes); it must be cheap and safe to call from any thread.
public struct CancellationCheck: Sendable {
    private let check: @Sendable () -> Bool

    /// A check that asks `isCancelled` each time.
    public init(_ isCancelled: @escaping @Sendable () -> Bool) {
        check = isCancelled
    }

    /// Whether the import should stop now.
    public var isCancelled: Bool { check() }

    /// Never cancelled: for imports nobody can stop (tests, one-off runs).
    public static let never = CancellationCheck { false }
}
