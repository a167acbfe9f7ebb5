/// How the accounts of one mail domain (the part of the account after `@`) of a batch ended,
/// for the report's per-domain outcomes.
public struct DomainOutcome: Sendable, Equatable, Codable {
    /// The domain; empty for accounts without `@`.
    public var domain: String
    public var accounts: Int
    public var succeeded: Int
    public var partial: Int
    public var failed: Int
    /// Pending or running.
    public var unfinished: Int
    public var cancelled: Int

    public init(domain: String, accounts: Int, succeeded: Int, partial: Int, failed: Int, unfinished: Int, cancelled: Int) {
        self.domain = domain
        self.accounts = accounts
        self.succeeded = succeeded
        self.partial = partial
        self.failed = failed
        self.unfinished = unfinished
        self.cancelled = cancelled
    }
}
