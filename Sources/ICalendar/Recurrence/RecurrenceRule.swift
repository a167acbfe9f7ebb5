/// A parsed `RRULE` value (RFC 5545 3.3.10).
struct RecurrenceRule: Sendable, Equatable {
    /// `FREQ`, ordered from the finest to the coarsest.
    enum Frequency: Int, Sendable, Comparable {
        case secondly, minutely, hourly, daily, weekly, monthly, yearly

        static func < (lhs: Frequency, rhs: Frequency) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One `BYDAY` entry: an optional ordinal (0 = every) and a weekday (Monday = 0).
    struct WeekdayNumber: Sendable, Equatable {
        var ordinal: Int
        var weekday: Int
    }

    var frequency: Frequency
    var interval = 1
    var count: Int?
    var until: DateTimeValue?
    var bySecond: [Int] = []
    var byMinute: [Int] = []
    var byHour: [Int] = []
    var byDay: [WeekdayNumber] = []
    var byMonthDay: [Int] = []
    var byYearDay: [Int] = []
    var byWeekNo: [Int] = []
    var byMonth: [Int] = []
    var bySetPos: [Int] = []
    /// `WKST`, Monday = 0 (the default).
    var weekStart = 0

    /// Whether the rule ends by itself (`COUNT` or `UNTIL`).
    var isBounded: Bool { count != nil || until != nil }

    init(frequency: Frequency) {
        self.frequency = frequency
    }
}

extension RecurrenceRule {
    /// Weekday codes in Monday = 0 order.
    static let weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// Parses an `RRULE` value. Returns the rule and notes on parts that were ignored, or
    /// `nil` (with the reason) when there is no usable `FREQ`.
    static func parse(_ text: String) -> (rule: RecurrenceRule?, notes: [String]) {
        var parts: [(String, String)] = []
        for part in text.split(separator: ";", omittingEmptySubsequences: true) {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            parts.append((pair[0].trimmed.uppercased(), pair[1].trimmed.uppercased()))
        }
        guard let freqText = parts.first(where: { $0.0 == "FREQ" })?.1, let frequency = frequency(freqText) else {
            return (nil, ["RRULE '\(text)' has no valid FREQ"])
        }
        var rule = RecurrenceRule(frequency: frequency)
        var notes: [String] = []
        for (key, value) in parts where key != "FREQ" {
            if !rule.apply(key: key, value: value) { notes.append("RRULE part \(key)=\(value) ignored") }
        }
        return (rule, notes)
    }

    private static func frequency(_ text: String) -> Frequency? {
        switch text {
        case "SECONDLY": return .secondly
        case "MINUTELY": return .minutely
        case "HOURLY": return .hourly
        case "DAILY": return .daily
        case "WEEKLY": return .weekly
        case "MONTHLY": return .monthly
        case "YEARLY": return .yearly
        default: return nil
        }
    }

    /// Applies one `KEY=VALUE` part; returns false when it is unknown or unreadable.
    private mutating func apply(key: String, value: String) -> Bool {
        switch key {
        case "INTERVAL":
            guard let n = Int(value), n >= 1 else { return false }
            interval = n
        case "COUNT":
            guard let n = Int(value), n >= 0 else { return false }
            count = n
        case "UNTIL":
            guard let date = DateTimeValue.parse(value) else { return false }
            until = date
        case "BYSECOND": return list(value, 0...60, into: &bySecond)
        case "BYMINUTE": return list(value, 0...59, into: &byMinute)
        case "BYHOUR": return list(value, 0...23, into: &byHour)
        case "BYMONTHDAY": return list(value, -31...31, into: &byMonthDay)
        case "BYYEARDAY": return list(value, -366...366, into: &byYearDay)
        case "BYWEEKNO": return list(value, -53...53, into: &byWeekNo)
        case "BYMONTH": return list(value, 1...12, into: &byMonth)
        case "BYSETPOS": return list(value, -366...366, into: &bySetPos)
        case "BYDAY": return weekdays(value)
        case "WKST":
            guard let day = RecurrenceRule.weekdayCodes.firstIndex(of: value) else { return false }
            weekStart = day
        default: return false
        }
        return true
    }

    /// Reads a comma list of non-zero integers in `range`; false if any entry is invalid
    /// (valid entries are still kept).
    private func list(_ value: String, _ range: ClosedRange<Int>, into target: inout [Int]) -> Bool {
        var valid = true
        for item in value.split(separator: ",") {
            if let n = Int(item.trimmed.replacingPlus), range.contains(n), n != 0 || range.lowerBound == 0 {
                target.append(n)
            } else {
                valid = false
            }
        }
        return valid
    }

    private mutating func weekdays(_ value: String) -> Bool {
        var valid = true
        for item in value.split(separator: ",") {
            let text = item.trimmed
            guard text.count >= 2, let day = RecurrenceRule.weekdayCodes.firstIndex(of: String(text.suffix(2))) else {
                valid = false
                continue
            }
            let prefix = String(text.dropLast(2)).replacingPlus
            let ordinal = prefix.isEmpty ? 0 : Int(prefix)
            if let ordinal, abs(ordinal) <= 53 {
                byDay.append(WeekdayNumber(ordinal: ordinal, weekday: day))
            } else {
                valid = false
            }
        }
        return valid
    }
}

private extension Substring {
    var trimmed: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

private extension String {
    var trimmed: String { self[...].trimmed }
    var replacingPlus: String { hasPrefix("+") ? String(dropFirst()) : self }
}
