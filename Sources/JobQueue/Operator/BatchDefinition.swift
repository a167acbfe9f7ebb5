import Foundation
import Postgres

/// What an operator submits: a named set of accounts, where their files are, where they go,
/// and which part of each calendar to import.
public struct BatchDefinition: Sendable, Equatable {
    /// The batch name, unique.
    public var name: String
    /// Where the account files are (a directory).
    public var source: String
    /// The target URL, without credentials.
    public var target: String
    /// Start of the import window (UTC), nil = unbounded; to the microsecond, as the database
    /// stores it (see `Date.microsecondsSince1970`).
    public var windowFrom: Date?
    /// End of the import window (UTC, exclusive), nil = unbounded; to the microsecond.
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
        self.windowFrom = windowFrom.map(Self.toMicrosecond)
        self.windowTo = windowTo.map(Self.toMicrosecond)
        self.mode = mode
        self.maxAttempts = maxAttempts
    }

    /// Whether `other` describes the same import (same target, window and mode): the test a
    /// second submit of the same batch name must pass. Window bounds are the same when they
    /// are the same microsecond, the precision the database keeps: no tolerance.
    func isCompatible(with other: BatchDefinition) -> Bool {
        target == other.target && mode == other.mode
            && windowFrom?.microsecondsSince1970 == other.windowFrom?.microsecondsSince1970
            && windowTo?.microsecondsSince1970 == other.windowTo?.microsecondsSince1970
    }

    /// `date` rounded to the microsecond it is stored as.
    private static func toMicrosecond(_ date: Date) -> Date {
        Date(microsecondsSince1970: date.microsecondsSince1970)
    }
}
