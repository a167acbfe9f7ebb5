/// Whether a failed attempt may succeed if tried again.
public enum FailureClass: String, Sendable, Codable, CaseIterable {
    /// Timeouts, resets, 5xx, 429: retried with backoff until attempts are used up.
    case transient
    /// Bad credentials, unknown account, unreadable or unparseable source, refused data: fails at once.
    case permanent
}
