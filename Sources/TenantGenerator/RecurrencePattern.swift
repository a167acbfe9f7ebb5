/// A weekly or monthly RRULE together with the days it produces, so that EXDATEs and
/// RECURRENCE-IDs can name real occurrences exactly.
struct RecurrencePattern: Sendable {
    enum Frequency: Sendable {
        /// `FREQ=WEEKLY;INTERVAL=n;BYDAY=MO,WE` (weekdays 0 = Monday … 6 = Sunday).
        case weekly(weekdays: [Int], interval: Int)
        /// `FREQ=MONTHLY;BYMONTHDAY=15` (1...28, so that every month has it).
        case monthlyOnDay(Int)
        /// `FREQ=MONTHLY;BYDAY=2TU` or `BYDAY=-1FR` (ordinal 1...4 or -1).
        case monthlyOnWeekday(ordinal: Int, weekday: Int)
    }

    enum End: Sendable {
        /// `COUNT=n`
        case count(Int)
        /// `UNTIL=` the day of occurrence number n (0-based), end of that day in UTC.
        case untilOccurrence(Int)
        /// No end.
        case never
    }

    /// How many occurrences of an endless series are listed (for EXDATEs and overrides).
    static let listedOccurrencesOfEndlessSeries = 60

    var frequency: Frequency
    var end: End

    /// The days of the occurrences, the first one on or after `day`; all of them for
    /// bounded series, the first `listedOccurrencesOfEndlessSeries` for endless ones.
    func occurrenceDays(startingOnOrAfter day: Int) -> [Int] {
        let wanted: Int
        switch end {
        case .count(let count): wanted = count
        case .untilOccurrence(let last): wanted = last + 1
        case .never: wanted = Self.listedOccurrencesOfEndlessSeries
        }
        switch frequency {
        case .weekly(let weekdays, let interval):
            return Self.weeklyDays(from: day, weekdays: weekdays, interval: interval, count: wanted)
        case .monthlyOnDay(let monthDay):
            return Self.monthlyDays(from: day, count: wanted) { year, month in
                CivilDate(year: year, month: month, day: monthDay).daysSince1970
            }
        case .monthlyOnWeekday(let ordinal, let weekday):
            return Self.monthlyDays(from: day, count: wanted) { year, month in
                Self.day(ordinal: ordinal, weekday: weekday, year: year, month: month)
            }
        }
    }

    /// The RRULE value for a series whose occurrences are `days`.
    func ruleText(occurrenceDays days: [Int]) -> String {
        var parts: [String]
        switch frequency {
        case .weekly(let weekdays, let interval):
            parts = ["FREQ=WEEKLY"]
            if interval > 1 { parts.append("INTERVAL=\(interval)") }
            parts.append("BYDAY=" + weekdays.map { Self.weekdayNames[$0] }.joined(separator: ","))
        case .monthlyOnDay(let monthDay):
            parts = ["FREQ=MONTHLY", "BYMONTHDAY=\(monthDay)"]
        case .monthlyOnWeekday(let ordinal, let weekday):
            parts = ["FREQ=MONTHLY", "BYDAY=\(ordinal)" + Self.weekdayNames[weekday]]
        }
        switch end {
        case .count(let count): parts.append("COUNT=\(count)")
        case .untilOccurrence:
            parts.append("UNTIL=" + CalendarTime(day: days[days.count - 1], hour: 23, minute: 59, second: 59).utcText)
        case .never: break
        }
        return parts.joined(separator: ";")
    }

    /// RFC 5545 weekday names, Monday first.
    static let weekdayNames = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// The day of the `ordinal`-th (`-1`: last) `weekday` of a month.
    static func day(ordinal: Int, weekday: Int, year: Int, month: Int) -> Int {
        let first = CivilDate(year: year, month: month, day: 1)
        if ordinal > 0 {
            let firstMatch = first.daysSince1970 + (weekday - first.weekday + 7) % 7
            return firstMatch + 7 * (ordinal - 1)
        }
        let last = first.daysSince1970 + first.daysInMonth - 1
        return last - (CivilDate.weekday(ofDay: last) - weekday + 7) % 7
    }

    private static func weeklyDays(from start: Int, weekdays: [Int], interval: Int, count: Int) -> [Int] {
        let firstWeekMonday = start - CivilDate.weekday(ofDay: start)
        var days: [Int] = []
        var day = start
        while days.count < count {
            let week = (day - firstWeekMonday) / 7
            if week % interval == 0, weekdays.contains(CivilDate.weekday(ofDay: day)) { days.append(day) }
            day += 1
        }
        return days
    }

    private static func monthlyDays(from start: Int, count: Int, dayIn: (Int, Int) -> Int) -> [Int] {
        let startDate = CivilDate(daysSince1970: start)
        var year = startDate.year, month = startDate.month
        var days: [Int] = []
        while days.count < count {
            let day = dayIn(year, month)
            if day >= start { days.append(day) }
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        return days
    }
}
