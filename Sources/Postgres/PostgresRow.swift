import Foundation

/// One row of a result, values in text format (`nil` is SQL NULL).
public struct PostgresRow: Sendable {
    /// Column names of the result, in order.
    public let columns: [String]
    /// The values, in column order.
    public let values: [String?]

    /// The text value of `column`, or nil when it is NULL or absent.
    public subscript(column: String) -> String? {
        guard let index = columns.firstIndex(of: column) else { return nil }
        return values[index]
    }

    /// The text value of `column`; throws when NULL or absent.
    public func string(_ column: String) throws -> String {
        guard let value = self[column] else {
            throw PostgresError(code: .decodingFailed, message: "column \(column) is NULL or missing")
        }
        return value
    }

    /// The value of `column` as an integer; throws when NULL, absent or not a number.
    public func int(_ column: String) throws -> Int {
        try parsed(column, "an integer") { Int($0) }
    }

    /// The value of `column` as an integer, or nil when NULL.
    public func optionalInt(_ column: String) throws -> Int? {
        guard self[column] != nil else { return nil }
        return try int(column)
    }

    /// The value of `column` as a 64-bit integer (`bigint`); throws when NULL, absent or not a number.
    public func int64(_ column: String) throws -> Int64 {
        try parsed(column, "an integer") { Int64($0) }
    }

    /// The value of `column` as a `Double` (`float8`, `numeric`); throws when NULL, absent or not a number.
    public func double(_ column: String) throws -> Double {
        try parsed(column, "a number") { Double($0) }
    }

    /// The value of `column` as a string enumeration (its raw value); throws when NULL, absent
    /// or not one of its cases.
    public func value<Value: RawRepresentable>(_ column: String, as type: Value.Type = Value.self) throws -> Value
    where Value.RawValue == String {
        try parsed(column, "a \(Value.self)") { Value(rawValue: $0) }
    }

    /// The value of `column` as a boolean (`t`/`f`).
    public func bool(_ column: String) throws -> Bool {
        try string(column) == "t"
    }

    /// The value of `column`, a `timestamptz`, as a Date exact to the microsecond (see
    /// ``PostgresTimestamp``); throws when NULL, absent or not a timestamp.
    public func date(_ column: String) throws -> Date {
        Date(microsecondsSince1970: try parsed(column, "a timestamptz") { PostgresTimestamp.microseconds(parsing: $0) })
    }

    /// The value of `column` as ``date(_:)`` reads it, or nil when NULL.
    public func optionalDate(_ column: String) throws -> Date? {
        guard self[column] != nil else { return nil }
        return try date(column)
    }

    /// The text of `column` converted by `parse`; throws when NULL, absent, or `parse` gives
    /// nil (the message says the column is not `kind`).
    private func parsed<Value>(_ column: String, _ kind: String, _ parse: (String) -> Value?) throws -> Value {
        let text = try string(column)
        guard let value = parse(text) else {
            throw PostgresError(code: .decodingFailed, message: "column \(column) is not \(kind): \(text)")
        }
        return value
    }
}
