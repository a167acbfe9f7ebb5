import Foundation

/// How fast a batch moved over a recent interval, for `status --watch`.
public struct BatchRates: Sendable, Equatable, Codable {
    /// The batch name.
    public var batch: String
    /// Length of the interval, in seconds.
    public var intervalSeconds: Double
    /// Accounts that finished (succeeded or failed for good) in the interval.
    public var accountsFinished: Int
    /// Events imported by the accounts that finished in the interval.
    public var eventsImported: Int

    /// Accounts per minute over the interval.
    public var accountsPerMinute: Double { Double(accountsFinished) * 60 / intervalSeconds }
    /// Events per second over the interval.
    public var eventsPerSecond: Double { Double(eventsImported) / intervalSeconds }

    /// Seconds until `remaining` accounts are done at this pace, nil when nothing moved.
    public func secondsRemaining(_ remaining: Int) -> Double? {
        guard accountsFinished > 0 else { return nil }
        return Double(remaining) / (Double(accountsFinished) / intervalSeconds)
    }

    public init(batch: String, intervalSeconds: Double, accountsFinished: Int, eventsImported: Int) {
        self.batch = batch
        self.intervalSeconds = intervalSeconds
        self.accountsFinished = accountsFinished
        self.eventsImported = eventsImported
    }
}
