/// What `TenantGenerator.write(to:)` produced.
public struct TenantSummary: Sendable, Codable, Equatable {
    /// Number of `<account>.ics` files written.
    public var accounts: Int
    /// VEVENT and VTODO components written; each RECURRENCE-ID override counts as one.
    public var components: Int
    /// Distinct UIDs written (series masters and their overrides share one).
    public var uids: Int
    /// Bytes written, all files together.
    public var bytes: Int

    public init(accounts: Int, components: Int, uids: Int, bytes: Int) {
        self.accounts = accounts
        self.components = components
        self.uids = uids
        self.bytes = bytes
    }
}
