/// How the accounts of one mail domain (the part of the account after `@`) of a batch ended,
/// for the report's per-domain outcomes.
public struct DomainOutcome: Sendable, Equatable, Codable {
    /// The domain; empty for accounts without `@`.
    public var domain: String
    /// The domain's accounts by state, and their counters.
    public var totals: BatchTotals

    public init(domain: String, totals: BatchTotals) {
        self.domain = domain
        self.totals = totals
    }
}
