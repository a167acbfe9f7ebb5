import Foundation

extension DateWindow {
    /// Parses a window bound: `20241001T000000Z`, `2024-10-01T00:00:00Z`, `2024-10-01`
    /// (midnight UTC), `20241001` (midnight UTC) or `0` (unbounded → `nil`).
    /// Throws ``ICalendarError`` with code `.invalidWindowBound` for anything else.
    public static func parseBound(_ text: String) throws -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "0" { return nil }
        let digits = Array(trimmed.utf8.filter { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: ":") })
        guard let value = DateTimeValue.parse(digits[...]), value.isUTC || value.isDate,
              isPlausibleBoundShape(trimmed)
        else {
            throw ICalendarError(code: .invalidWindowBound, message: "invalid window bound '\(text)'")
        }
        return Date(timeIntervalSince1970: Double(value.local.secondsAsUTC))
    }

    /// The bound in WCAP/iCalendar UTC form `20241001T000000Z`, or `"0"` for `nil`.
    public static func formatBound(_ date: Date?) -> String {
        guard let date else { return "0" }
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        return LocalDateTime.utcFormat(seconds)
    }

    /// Rejects mixed forms such as `2024-1001` that the digit filter alone would accept.
    private static func isPlausibleBoundShape(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        switch bytes.count {
        case 8, 16: return !bytes.contains(UInt8(ascii: "-")) && !bytes.contains(UInt8(ascii: ":"))
        case 10: return bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")
        case 20:
            return bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")
                && bytes[13] == UInt8(ascii: ":") && bytes[16] == UInt8(ascii: ":")
        default: return false
        }
    }
}
