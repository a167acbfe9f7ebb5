/// Counts of one batch's jobs by state, as `status` prints them.
public struct BatchStatus: Sendable, Equatable, Codable {
    public var batch: String
    public var paused: Bool
    public var total: Int
    public var pending: Int
    public var running: Int
    public var succeeded: Int
    public var failed: Int
    public var cancelled: Int
    /// Components imported so far (sum over the batch's jobs).
    public var eventsImported: Int
    /// The failed accounts with the reason of their last failure.
    public var failedAccounts: [FailedAccount]

    /// One failed account and why.
    public struct FailedAccount: Sendable, Equatable, Codable {
        public var account: String
        public var reason: String
    }

    enum CodingKeys: String, CodingKey {
        case batch, paused, total, pending, running, succeeded, failed, cancelled
        case eventsImported = "events_imported"
        case failedAccounts = "failed_accounts"
    }
}
