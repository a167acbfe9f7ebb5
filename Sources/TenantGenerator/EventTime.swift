/// The value of a DTSTART, DTEND, DUE, RECURRENCE-ID or EXDATE: one of the four forms
/// RFC 5545 allows for them.
enum EventTime: Sendable, Hashable {
    /// Wall-clock time in a zone: `DTSTART;TZID=Europe/Berlin:20250312T090000`.
    case zoned(CalendarTime, TimeZoneDefinition)
    /// UTC: `DTSTART:20250312T080000Z`.
    case utc(CalendarTime)
    /// Floating local time: `DTSTART:20250312T090000`.
    case floating(CalendarTime)
    /// A whole day: `DTSTART;VALUE=DATE:20250312`.
    case date(day: Int)

    /// The clock reading, whatever its zone.
    var time: CalendarTime {
        switch self {
        case .zoned(let time, _), .utc(let time), .floating(let time): time
        case .date(let day): CalendarTime(day: day)
        }
    }

    var parameters: [ContentLineWriter.Parameter] {
        switch self {
        case .zoned(_, let zone): [.init("TZID", zone.identifier)]
        case .date: [.init("VALUE", "DATE")]
        case .utc, .floating: []
        }
    }

    var valueText: String {
        switch self {
        case .zoned(let time, _), .floating(let time): time.dateTimeText
        case .utc(let time): time.utcText
        case .date(let day): CalendarTime(day: day).dateText
        }
    }

    /// The same kind of value, `seconds` later (whole days for dates).
    func adding(seconds: Int) -> EventTime {
        switch self {
        case .zoned(let time, let zone): .zoned(time.adding(seconds: seconds), zone)
        case .utc(let time): .utc(time.adding(seconds: seconds))
        case .floating(let time): .floating(time.adding(seconds: seconds))
        case .date(let day): .date(day: day + seconds / CalendarTime.secondsPerDay)
        }
    }

    /// The same clock reading on another day.
    func moved(toDay day: Int) -> EventTime {
        adding(seconds: (day - time.day) * CalendarTime.secondsPerDay)
    }

    /// Writes `name;params:value`.
    func write(_ name: String, to writer: inout ContentLineWriter) {
        writer.property(name, parameters, valueText)
    }
}
