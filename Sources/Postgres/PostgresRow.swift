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
        let text = try string(column)
        guard let value = Int(text) else {
            throw PostgresError(code: .decodingFailed, message: "column \(column) is not an integer: \(text)")
        }
        return value
    }

    /// The value of `column` as an integer, or nil when NULL.
    public func optionalInt(_ column: String) throws -> Int? {
        guard self[column] != nil else { return nil }
        return try int(column)
    }

    /// The value of `column` as a 64-bit integer (`bigint`); throws when NULL, absent or not a number.
    public func int64(_ column: String) throws -> Int64 {
        let text = try string(column)
        guard let value = Int64(text) else {
            throw PostgresError(code: .decodingFailed, message: "column \(column) is not an integer: \(text)")
        }
        return value
    }

    /// The value of `column` as a `Double` (`float8`, `numeric`); throws when NULL, absent or not a number.
    public func double(_ column: String) throws -> Double {
        let text = try string(column)
        guard let value = Double(text) else {
            throw PostgresError(code: .decodingFailed, message: "column \(column) is not a number: \(text)")
        }
        return value
    }

    /// The value of `column` as a string enumeration (its raw value); throws when NULL, absent
    /// or not one of its cases.
    public func value<Value: RawRepresentable>(_ column: String, as type: Value.Type = Value.self) throws -> Value
    where Value.RawValue == String {
        let text = try string(column)
        guard let value = Value(rawValue: text) else {
            throw PostgresError(code: .decodingFailed, message: "column \(column) is not a \(Value.self): \(text)")
        }
        return value
    }

    /// The value of `column` as a boolean (`t`/`f`).
    public func bool(_ column: String) throws -> Bool {
        try string(column) == "t"
    }

    /// The value of `column`, a `timestamptz`, as a Date exact to the microsecond (see
    /// ``PostgresTimestamp``); throws when NULL, absent or not a timestamp.
    public func date(_ column: String) throws -> Date {
        let text = try string(column)
        guard let microseconds = PostgresTimestamp.microseconds(parsing: text) else {
            throw PostgresError(code: .decodingFailed, message: "column \(column) is not a timestamptz: \(text)")
        }
        return Date(microsecondsSince1970: microseconds)
    }

    /// The value of `column` as ``date(_:)`` reads it, or nil when NULL.
    public func optionalDate(_ column: String) throws -> Date? {
        guard self[column] != nil else { return nil }
        return try date(column)
    }
}
