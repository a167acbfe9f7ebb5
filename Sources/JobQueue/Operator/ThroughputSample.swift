import Foundation

/// What a batch finished in one time bucket, for the report's chart.
public struct ThroughputSample: Sendable, Equatable, Codable {
    /// Start of the bucket (UTC).
    public var start: Date
    /// Accounts that succeeded in the bucket.
    public var succeeded: Int
    /// Attempts that failed in the bucket (retried or not).
    public var failedAttempts: Int
    /// Events imported by the accounts that succeeded in the bucket.
    public var events: Int

    public init(start: Date, succeeded: Int, failedAttempts: Int, events: Int) {
        self.start = start
        self.succeeded = succeeded
        self.failedAttempts = failedAttempts
        self.events = events
    }

    enum CodingKeys: String, CodingKey {
        case start, succeeded
        case failedAttempts = "failed_attempts"
        case events
    }
}
