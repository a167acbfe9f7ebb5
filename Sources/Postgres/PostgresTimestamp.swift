import Foundation

/// The text forms of a `timestamptz`, exact to the microsecond, computed from integer
/// microseconds since 1970 (no floating point, no formatter, no locale; the C library's
/// `gmtime_r`/`timegm` for the proleptic Gregorian calendar): what ``PostgresBindable`` sends
/// for a `Date` and what ``PostgresRow/date(_:)`` reads back.
public enum PostgresTimestamp {
    static let microsecondsPerSecond: Int64 = 1_000_000

    /// `YYYY-MM-DD HH:MM:SS.ffffff+00` (UTC, six fraction digits; ` BC` for years before 1),
    /// which PostgreSQL reads whatever the session's TimeZone and DateStyle.
    public static func text(microsecondsSince1970 microseconds: Int64) -> String {
        let (seconds, fraction) = floorDivision(microseconds, microsecondsPerSecond)
        var time = time_t(seconds)
        var fields = tm()
        gmtime_r(&time, &fields)
        let year = Int64(fields.tm_year) + 1900
        let yearText = year > 0 ? padded(year, 4) : padded(1 - year, 4)
        return "\(yearText)-\(padded(Int64(fields.tm_mon) + 1, 2))-\(padded(Int64(fields.tm_mday), 2)) "
            + "\(padded(Int64(fields.tm_hour), 2)):\(padded(Int64(fields.tm_min), 2)):\(padded(Int64(fields.tm_sec), 2))"
            + ".\(padded(fraction, 6))+00" + (year > 0 ? "" : " BC")
    }

    /// Microseconds since 1970 of a `timestamptz` in PostgreSQL's ISO output
    /// (`2026-03-29 01:59:59.999999+00`, any UTC offset `±HH[:MM[:SS]]`, optional fraction,
    /// optional ` BC`); nil for anything else, `infinity` included.
    public static func microseconds(parsing text: String) -> Int64? {
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.number(), scanner.skip("-"), let month = scanner.number(digits: 2),
              scanner.skip("-"), let day = scanner.number(digits: 2),
              scanner.skip(" ") || scanner.skip("T"), let hour = scanner.number(digits: 2),
              scanner.skip(":"), let minute = scanner.number(digits: 2),
              scanner.skip(":"), let second = scanner.number(digits: 2),
              (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var fraction: Int64 = 0
        if scanner.skip(".") {
            var digits = 0
            while let digit = scanner.digit() {
                if digits < 6 { fraction = fraction * 10 + digit }
                digits += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { fraction *= 10 }
        }
        guard let sign: Int64 = scanner.skip("+") ? 1 : scanner.skip("-") ? -1 : nil,
              let offsetHours = scanner.number(digits: 2)
        else { return nil }
        var offset = offsetHours * 3600
        if scanner.skip(":"), let minutes = scanner.number(digits: 2) { offset += minutes * 60 }
        if scanner.skip(":"), let seconds = scanner.number(digits: 2) { offset += seconds }
        let isBC = scanner.skip(" BC")
        guard scanner.isAtEnd else { return nil }
        var fields = tm()
        fields.tm_year = Int32((isBC ? 1 - year : year) - 1900)
        fields.tm_mon = Int32(month - 1)
        fields.tm_mday = Int32(day)
        fields.tm_hour = Int32(hour)
        fields.tm_min = Int32(minute)
        fields.tm_sec = Int32(second)
        let seconds = Int64(timegm(&fields)) - sign * offset
        return seconds * microsecondsPerSecond + fraction
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Reads ASCII digits and punctuation from the bytes of a timestamp.
    private struct Scanner {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var isAtEnd: Bool { position == bytes.count }

        mutating func skip(_ literal: String) -> Bool {
            let expected = Array(literal.utf8)
            guard bytes.count - position >= expected.count,
                  Array(bytes[position..<position + expected.count]) == expected
            else { return false }
            position += expected.count
            return true
        }

        mutating func digit() -> Int64? {
            guard position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) else { return nil }
            defer { position += 1 }
            return Int64(bytes[position] - UInt8(ascii: "0"))
        }

        /// Exactly `digits` digits, or (nil) one or more.
        mutating func number(digits: Int? = nil) -> Int64? {
            let start = position
            var value: Int64 = 0
            while digits.map({ position - start < $0 }) ?? true, let digit = digit() { value = value * 10 + digit }
            let count = position - start
            guard count > 0, digits.map({ count == $0 }) ?? (count <= 9) else { return nil }
            return value
        }
    }
}
