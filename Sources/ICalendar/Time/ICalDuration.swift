/// A `DURATION` value (RFC 5545 3.3.6): nominal days (weeks count as 7 days, kept in local
/// time across DST) plus exact seconds.
struct ICalDuration: Sendable, Equatable {
    var days: Int
    var seconds: Int

    static let zero = ICalDuration(days: 0, seconds: 0)

    /// Parses `[+-]P[nW][nD][T[nH][nM][nS]]`; returns `nil` when unreadable.
    static func parse(_ text: String) -> ICalDuration? {
        var bytes = Substring(text.trimmingSpaces).utf8[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        guard let p = bytes.first, p == UInt8(ascii: "P") || p == UInt8(ascii: "p") else { return nil }
        bytes = bytes.dropFirst()
        var days = 0, seconds = 0, number: Int?, inTime = false, sawUnit = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (product, overflow) = (number ?? 0).multipliedReportingOverflow(by: 10)
                guard !overflow, product < 10_000_000_000 else { return nil }
                number = product + Int(byte - 0x30)
            case UInt8(ascii: "T"), UInt8(ascii: "t"): inTime = true
            default:
                guard let n = number else { return nil }
                switch (byte | 0x20, inTime) {
                case (UInt8(ascii: "w"), false): days += 7 * n
                case (UInt8(ascii: "d"), false): days += n
                case (UInt8(ascii: "h"), true): seconds += 3600 * n
                case (UInt8(ascii: "m"), true): seconds += 60 * n
                case (UInt8(ascii: "s"), true): seconds += n
                default: return nil
                }
                number = nil
                sawUnit = true
            }
        }
        guard sawUnit, number == nil else { return nil }
        return negative ? ICalDuration(days: -days, seconds: -seconds) : ICalDuration(days: days, seconds: seconds)
    }
}

private extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
