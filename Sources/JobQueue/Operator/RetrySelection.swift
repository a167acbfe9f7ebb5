/// Which jobs an operator `retry` requeues.
public enum RetrySelection: Sendable, Equatable {
    /// Every failed job of the batch.
    case failed
    /// The failed or cancelled jobs of these accounts.
    case accounts([String])
    /// The failed jobs whose last error has this class (`transient`, `permanent`) or code
    /// (e.g. `source.parse`, `target.server`).
    case errorClass(String)
    /// Every partial job of the batch (succeeded with some components refused): imported again
    /// whole, which a UID-matching mode makes harmless for what already arrived.
    case partial
}
