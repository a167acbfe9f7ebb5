import Foundation

/// A value that can be sent as a statement parameter: it renders itself in PostgreSQL's text
/// input format, or as nil for SQL NULL. The statement's casts (`$1::int`, `$2::timestamptz`)
/// say what the server parses it as.
///
/// Conforming: `String`, `Int`, `Int64`, `Int32`, `Bool`, `Double`, `Date` (a `timestamptz`
/// exact to the microsecond, see ``PostgresTimestamp``), one-dimensional arrays of these, and
/// `Optional` of any of them (nil is NULL).
public protocol PostgresBindable: Sendable {
    /// The value in PostgreSQL's text input format; nil for NULL.
    var postgresText: String? { get }
}

extension PostgresBindable where Self: RawRepresentable, RawValue == String {
    /// A string enumeration binds as its raw value.
    public var postgresText: String? { rawValue }
}

extension String: PostgresBindable {
    public var postgresText: String? { self }
}

extension Int: PostgresBindable {
    public var postgresText: String? { String(self) }
}

extension Int64: PostgresBindable {
    public var postgresText: String? { String(self) }
}

extension Int32: PostgresBindable {
    public var postgresText: String? { String(self) }
}

extension Bool: PostgresBindable {
    public var postgresText: String? { self ? "true" : "false" }
}

extension Double: PostgresBindable {
    /// Swift's shortest round-tripping form; infinities and NaN as PostgreSQL spells them.
    public var postgresText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return String(self)
    }
}

extension Date: PostgresBindable {
    /// ISO 8601 in UTC with six fraction digits, from ``microsecondsSince1970``.
    public var postgresText: String? { PostgresTimestamp.text(microsecondsSince1970: microsecondsSince1970) }
}

extension Optional: PostgresBindable where Wrapped: PostgresBindable {
    public var postgresText: String? { self?.postgresText ?? nil }
}

extension Array: PostgresBindable where Element: PostgresBindable {
    /// A one-dimensional array literal: `{"a","b\"c",NULL}`, every element quoted (`"` and `\`
    /// escaped), so any text survives; the server converts each to the cast's element type.
    public var postgresText: String? {
        var literal = "{"
        for (index, element) in enumerated() {
            if index > 0 { literal += "," }
            guard let text = element.postgresText else {
                literal += "NULL"
                continue
            }
            literal += "\""
            for character in text {
                if character == "\"" || character == "\\" { literal += "\\" }
                literal.append(character)
            }
            literal += "\""
        }
        return literal + "}"
    }
}
