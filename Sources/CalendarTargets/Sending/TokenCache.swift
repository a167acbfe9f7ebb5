import Foundation

/// Auth tokens (Zimbra) or session ids (WCAP) per account, until they expire; thread-safe.
final class TokenCache: @unchecked Sendable {
    private let lock = NSLock()
    private var tokens: [String: (value: String, expires: Date)] = [:]

    /// The live token of `key`, or a new one from `make` (value and lifetime in seconds).
    func token(_ key: String, make: () throws -> (String, Double)) rethrows -> String {
        if let cached = lock.withLock({ tokens[key] }), cached.expires > Date() { return cached.value }
        let (value, lifetime) = try make()
        lock.withLock { tokens[key] = (value, Date().addingTimeInterval(max(0, lifetime - 60))) }
        return value
    }

    /// Forgets `key`'s token if it is still `value` (another slot may have renewed it already).
    func invalidate(_ key: String, ifStill value: String) {
        lock.withLock { if tokens[key]?.value == value { tokens[key] = nil } }
    }

    /// Every cached token, emptying the cache.
    func drain() -> [String: String] {
        lock.withLock {
            defer { tokens.removeAll() }
            return tokens.mapValues(\.value)
        }
    }
}
