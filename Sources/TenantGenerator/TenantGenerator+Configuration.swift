import Foundation

extension TenantGenerator {
    /// How big the tenant is and what it is derived from. Every default is fixed, so two runs
    /// with the same configuration write identical bytes.
    public struct Configuration: Sendable {
        /// Number of accounts. Default 100.
        public var accounts: Int
        /// Top-level items per account (events, series and todos, each with its own UID) are
        /// drawn uniformly from this range; RECURRENCE-ID overrides come on top. Default 20...80.
        public var eventsPerAccount: ClosedRange<Int>
        /// Seed of the deterministic generator. Default 1.
        public var seed: UInt64
        /// Mail domain of the accounts. Default "example.com".
        public var domain: String
        /// Events are spread over about one year either side of this instant, which is also the
        /// export time (DTSTAMP). Default 2025-01-01T00:00:00Z (fixed, never "now").
        public var epoch: Date

        /// The default epoch, 2025-01-01T00:00:00Z.
        public static let defaultEpoch = Date(timeIntervalSince1970: 1_735_689_600)

        public init(
            accounts: Int = 100,
            eventsPerAccount: ClosedRange<Int> = 20...80,
            seed: UInt64 = 1,
            domain: String = "example.com",
            epoch: Date = Configuration.defaultEpoch
        ) {
            self.accounts = accounts
            self.eventsPerAccount = eventsPerAccount
            self.seed = seed
            self.domain = domain
            self.epoch = epoch
        }
    }
}
