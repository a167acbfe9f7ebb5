import Foundation

extension Date {
    /// Microseconds since 1970-01-01T00:00:00Z, rounded to the nearest: the one place where a
    /// `Date` (a `Double` of seconds) becomes the integer PostgreSQL's `timestamptz` stores.
    /// Two dates are the same instant to the database exactly when these are equal. Exact for
    /// dates within about 285 years of 1970 (a Double's 53 bits of microseconds), calimport's
    /// windows included.
    public var microsecondsSince1970: Int64 {
        Int64((timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// The date `microseconds` after 1970-01-01T00:00:00Z; its ``microsecondsSince1970`` gives
    /// `microseconds` back.
    public init(microsecondsSince1970 microseconds: Int64) {
        self.init(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    }
}
