/// A date-time as seconds since 1970-01-01T00:00:00 on a clock that is either UTC or the
/// wall clock of some time zone; which one is up to the caller. Formats itself the RFC 5545
/// way (`20250312T093000`, `20250312`) without `DateFormatter`.
struct CalendarTime: Sendable, Hashable, Comparable {
    static let secondsPerDay = 86_400

    var seconds: Int

    init(seconds: Int) {
        self.seconds = seconds
    }

    init(day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        seconds = day * Self.secondsPerDay + hour * 3600 + minute * 60 + second
    }

    /// Whole days since 1970-01-01.
    var day: Int {
        seconds >= 0 ? seconds / Self.secondsPerDay : (seconds - Self.secondsPerDay + 1) / Self.secondsPerDay
    }

    /// Seconds since midnight.
    var secondOfDay: Int {
        seconds - day * Self.secondsPerDay
    }

    func adding(seconds delta: Int) -> CalendarTime {
        CalendarTime(seconds: seconds + delta)
    }

    func adding(days delta: Int) -> CalendarTime {
        CalendarTime(seconds: seconds + delta * Self.secondsPerDay)
    }

    /// `YYYYMMDDTHHMMSS`
    var dateTimeText: String {
        text(withClock: true, utc: false)
    }

    /// `YYYYMMDDTHHMMSSZ`
    var utcText: String {
        text(withClock: true, utc: true)
    }

    /// `YYYYMMDD`
    var dateText: String {
        text(withClock: false, utc: false)
    }

    static func < (lhs: CalendarTime, rhs: CalendarTime) -> Bool {
        lhs.seconds < rhs.seconds
    }

    /// Formats without intermediate allocations (years 0...9999).
    private func text(withClock: Bool, utc: Bool) -> String {
        let date = CivilDate(daysSince1970: day)
        let clock = secondOfDay
        let length = withClock ? (utc ? 16 : 15) : 8
        return String(unsafeUninitializedCapacity: length) { buffer in
            func put(_ value: Int, width: Int, at offset: Int) {
                var rest = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(date.year, width: 4, at: 0)
            put(date.month, width: 2, at: 4)
            put(date.day, width: 2, at: 6)
            if withClock {
                buffer[8] = UInt8(ascii: "T")
                put(clock / 3600, width: 2, at: 9)
                put(clock / 60 % 60, width: 2, at: 11)
                put(clock % 60, width: 2, at: 13)
                if utc { buffer[15] = UInt8(ascii: "Z") }
            }
            return length
        }
    }
}
