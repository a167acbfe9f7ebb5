import Foundation

/// Exponential backoff with full jitter: the delay before attempt n+1 is uniform in
/// [0, min(cap, base · 2^(n−1))], and never shorter than a target's Retry-After.
public struct RetryPolicy: Sendable, Equatable {
    /// The first backoff ceiling, in seconds. Default 5.
    public var base: Double
    /// The largest backoff ceiling, in seconds. Default 900 (15 minutes).
    public var cap: Double

    public init(base: Double = 5, cap: Double = 900) {
        self.base = base
        self.cap = cap
    }

    /// The delay before the next try after failed attempt number `attempt` (1-based).
    public func delay<Generator: RandomNumberGenerator>(
        afterAttempt attempt: Int, retryAfter: Double?, using generator: inout Generator
    ) -> Double {
        let ceiling = min(cap, base * pow(2, Double(max(0, attempt - 1))))
        let jittered = Double.random(in: 0...max(0, ceiling), using: &generator)
        return max(jittered, retryAfter ?? 0)
    }

    /// The delay before the next try, with the system's random numbers.
    public func delay(afterAttempt attempt: Int, retryAfter: Double?) -> Double {
        var generator = SystemRandomNumberGenerator()
        return delay(afterAttempt: attempt, retryAfter: retryAfter, using: &generator)
    }
}
