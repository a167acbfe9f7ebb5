import Foundation

/// What an operator submits: a named set of accounts, where their files are, where they go,
/// and which part of each calendar to import.
public struct BatchDefinition: Sendable, Equatable {
    /// The batch name, unique.
    public var name: String
    /// Where the account files are (a directory).
    public var source: String
    /// The target URL, without credentials.
    public var target: String
    /// Start of the import window (UTC), nil = unbounded.
    public var windowFrom: Date?
    /// End of the import window (UTC, exclusive), nil = unbounded.
    public var windowTo: Date?
    /// The import mode (`merge`, `skip-existing`, `replace`). Default `merge`.
    public var mode: String
    /// Attempts before a job fails for good. Default ``defaultMaxAttempts``.
    public var maxAttempts: Int

    /// The attempts a job gets unless its batch says otherwise: 8.
    public static let defaultMaxAttempts = 8

    public init(
        name: String, source: String, target: String, windowFrom: Date? = nil, windowTo: Date? = nil,
        mode: String = "merge", maxAttempts: Int = BatchDefinition.defaultMaxAttempts
    ) {
        self.name = name
        self.source = source
        self.target = target
        self.windowFrom = windowFrom
        self.windowTo = windowTo
        self.mode = mode
        self.maxAttempts = maxAttempts
    }

    /// Whether `other` describes the same import (same target, window and mode): the test a
    /// second submit of the same batch name must pass.
    func isCompatible(with other: BatchDefinition) -> Bool {
        target == other.target && mode == other.mode
            && Self.sameInstant(windowFrom, other.windowFrom) && Self.sameInstant(windowTo, other.windowTo)
    }

    private static func sameInstant(_ lhs: Date?, _ rhs: Date?) -> Bool {
        switch (lhs, rhs) {
        case (nil, nil): return true
        case let (lhs?, rhs?): return abs(lhs.timeIntervalSince(rhs)) < 0.001
        default: return false
        }
    }
}
