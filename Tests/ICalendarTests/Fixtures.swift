import Foundation
@testable import ICalendar

/// Builders for hand-written test calendars.
enum Fixtures {
    /// A VCALENDAR around `body` (lines separated by `\n` in the literal), with CRLF line ends.
    static func calendar(_ body: String, header: String = "", lineEnd: String = "\r\n") -> Data {
        let lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//test//EN"]
            + header.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            + body.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            + ["END:VCALENDAR"]
        return Data((lines.joined(separator: lineEnd) + lineEnd).utf8)
    }

    /// A UTC date from `20240101T000000Z` form.
    static func date(_ text: String) -> Date {
        // swiftlint:disable:next force_try
        try! DateWindow.parseBound(text)!
    }

    /// A window from two `20240101T000000Z` bounds.
    static func window(_ from: String, _ to: String) -> DateWindow {
        DateWindow(from: date(from), to: date(to))
    }

    /// The UIDs kept by filtering `data` with `window`.
    static func keptUIDs(_ data: Data, _ window: DateWindow) throws -> [String] {
        try CalendarFilter(window: window).filter(data).items.map(\.uid)
    }

    /// The Europe/Berlin VTIMEZONE as Outlook and Thunderbird write it.
    static let berlinTimeZone = """
    BEGIN:VTIMEZONE
    TZID:Europe/Berlin
    BEGIN:DAYLIGHT
    TZOFFSETFROM:+0100
    TZOFFSETTO:+0200
    TZNAME:CEST
    DTSTART:19700329T020000
    RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
    END:DAYLIGHT
    BEGIN:STANDARD
    TZOFFSETFROM:+0200
    TZOFFSETTO:+0100
    TZNAME:CET
    DTSTART:19701025T030000
    RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
    END:STANDARD
    END:VTIMEZONE
    """
}
