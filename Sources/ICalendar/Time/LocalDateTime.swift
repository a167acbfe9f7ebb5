/// A wall-clock date and time with no zone attached, with integer calendar arithmetic
/// (proleptic Gregorian, days counted from 1970-01-01).
struct LocalDateTime: Sendable, Hashable, Comparable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The wall-clock fields of a count of days and a second within that day.
    init(dayNumber: Int, secondOfDay: Int) {
        let (y, m, d) = LocalDateTime.civil(fromDays: dayNumber)
        self.init(year: y, month: m, day: d,
                  hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60)
    }

    /// The wall-clock fields of seconds since 1970 read as UTC.
    init(secondsAsUTC seconds: Int64) {
        let days = Int(seconds.floorDiv(86_400))
        let rest = Int(seconds - Int64(days) * 86_400)
        self.init(dayNumber: days, secondOfDay: rest)
    }

    /// Days since 1970-01-01 of this date.
    var dayNumber: Int { LocalDateTime.days(year: year, month: month, day: day) }

    /// Seconds since midnight.
    var secondOfDay: Int { hour * 3600 + minute * 60 + second }

    /// Seconds since 1970 if these wall-clock fields were UTC.
    var secondsAsUTC: Int64 { Int64(dayNumber) * 86_400 + Int64(secondOfDay) }

    /// Day of the week, Monday = 0 … Sunday = 6.
    var weekday: Int { LocalDateTime.weekday(ofDay: dayNumber) }

    /// `YYYYMMDDTHHMMSS`.
    var basicFormat: String { dateFormat + "T" + pad(hour, 2) + pad(minute, 2) + pad(second, 2) }

    /// `YYYYMMDDTHHMMSSZ` of `seconds` since 1970 in UTC: the one form calimport writes a UTC
    /// instant in (window bounds, RRULE UNTIL of generated zones, inspection extents).
    static func utcFormat(_ seconds: Int64) -> String { LocalDateTime(secondsAsUTC: seconds).basicFormat + "Z" }

    /// `YYYYMMDD`.
    var dateFormat: String { pad(year, 4) + pad(month, 2) + pad(day, 2) }

    /// The same wall-clock time `days` later.
    func addingDays(_ days: Int) -> LocalDateTime {
        LocalDateTime(dayNumber: dayNumber + days, secondOfDay: secondOfDay)
    }

    static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        lhs.secondsAsUTC < rhs.secondsAsUTC
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension LocalDateTime {
    /// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm); month may be out of
    /// 1…12 only if already normalized by the caller.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Day of the week of a day count, Monday = 0 … Sunday = 6.
    static func weekday(ofDay day: Int) -> Int {
        ((day + 3) % 7 + 7) % 7
    }

    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func daysInYear(_ year: Int) -> Int { isLeapYear(year) ? 366 : 365 }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    func floorDiv(_ divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
