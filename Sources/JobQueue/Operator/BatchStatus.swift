/// Counts of one batch's jobs by state, as `status` prints them.
public struct BatchStatus: Sendable, Equatable, Codable {
    public var batch: String
    public var paused: Bool
    public var total: Int
    public var pending: Int
    public var running: Int
    /// Accounts imported whole: nothing refused.
    public var succeeded: Int
    /// Accounts imported except for some refused components (their item errors say which):
    /// finished, but not succeeded.
    public var partial: Int
    public var failed: Int
    public var cancelled: Int
    /// Components imported so far (sum over the batch's jobs).
    public var eventsImported: Int
    /// The failed accounts with the reason of their last failure.
    public var failedAccounts: [FailedAccount]
    /// The partial accounts with how much of them was refused.
    public var partialAccounts: [FailedAccount]

    /// One failed account and why.
    public struct FailedAccount: Sendable, Equatable, Codable {
        public var account: String
        public var reason: String
    }

    enum CodingKeys: String, CodingKey {
        case batch, paused, total, pending, running, succeeded, partial, failed, cancelled
        case eventsImported = "events_imported"
        case failedAccounts = "failed_accounts"
        case partialAccounts = "partial_accounts"
    }
}
