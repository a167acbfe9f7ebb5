import Foundation

/// Exponential backoff with full jitter: the delay before attempt n+1 is uniform in
/// [0, min(cap, base · 2^(n−1))], and never shorter than a target's Retry-After.
public struct RetryPolicy: Sendable, Equatable {
    /// The first backoff ceiling. Default 5 seconds.
    public var base: Duration
    /// The largest backoff ceiling. Default 900 seconds (15 minutes).
    public var cap: Duration

    public init(base: Duration = .seconds(5), cap: Duration = .seconds(900)) {
        self.base = base
        self.cap = cap
    }

    /// The delay before the next try after failed attempt number `attempt` (1-based);
    /// `retryAfter` is the target's Retry-After in seconds, as it announced it.
    public func delay<Generator: RandomNumberGenerator>(
        afterAttempt attempt: Int, retryAfter: Double?, using generator: inout Generator
    ) -> Duration {
        let ceiling = min(cap.seconds, base.seconds * pow(2, Double(max(0, attempt - 1))))
        let jittered = Double.random(in: 0...max(0, ceiling), using: &generator)
        return .seconds(max(jittered, retryAfter ?? 0))
    }

    /// The delay before the next try, with the system's random numbers.
    public func delay(afterAttempt attempt: Int, retryAfter: Double?) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(afterAttempt: attempt, retryAfter: retryAfter, using: &generator)
    }
}
