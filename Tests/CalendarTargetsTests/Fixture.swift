import CalendarTargets
import Foundation
import ICalendar
import Logging
import TestSupport
import Testing

/// Small calendars for connector tests: a weekly meeting in Europe/Berlin with one moved
/// occurrence, attendees, and a single event; their identities as `ComponentScan` gives them.
enum Fixture {
    static let logger: Logger = {
        var logger = Logger(label: "calendar-targets-tests")
        logger.logLevel = .warning
        return logger
    }()

    /// `invalidUID`: an extra event every real server refuses (Radicale: the month-13 DTSTART;
    /// Xandikos: the control character in SUMMARY, valid-calendar-data). `singles`: that many
    /// more single events, `single-<n>@test`.
    static func text(sequence: Int = 0, extraUID: String? = nil, refuse: String? = nil, invalidUID: String? = nil, singles: Int = 0) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
            "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
            "BEGIN:STANDARD", "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT",
            "END:VTIMEZONE",
            "BEGIN:VEVENT", "UID:weekly-1@test", "DTSTAMP:20250101T000000Z", "SEQUENCE:\(sequence)",
            "DTSTART;TZID=Europe/Berlin:20250106T090000", "DTEND;TZID=Europe/Berlin:20250106T100000",
            "RRULE:FREQ=WEEKLY;COUNT=10", "SUMMARY:Weekly", "ORGANIZER;CN=Anna:mailto:anna@example.com",
            "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:bob@example.com", "END:VEVENT",
            "BEGIN:VEVENT", "UID:weekly-1@test", "DTSTAMP:20250101T000000Z", "SEQUENCE:\(sequence)",
            "RECURRENCE-ID;TZID=Europe/Berlin:20250113T090000",
            "DTSTART;TZID=Europe/Berlin:20250113T110000", "DTEND;TZID=Europe/Berlin:20250113T120000", "SUMMARY:Weekly (moved)",
            "ORGANIZER;CN=Anna:mailto:anna@example.com", "ATTENDEE;SCHEDULE-AGENT=SERVER:mailto:bob@example.com", "END:VEVENT",
            "BEGIN:VEVENT", "UID:single-1@test", "DTSTAMP:20250101T000000Z", "DTSTART:20250210T140000Z", "DTEND:20250210T150000Z",
            "SUMMARY:Single", "END:VEVENT",
        ]
        if let extraUID {
            lines += ["BEGIN:VEVENT", "UID:\(extraUID)", "DTSTAMP:20250101T000000Z", "DTSTART:20250301T140000Z", "DTEND:20250301T150000Z",
                      "SUMMARY:Extra"] + (refuse.map { ["X-CALIMPORT-SANDBOX-REFUSE:\($0)"] } ?? []) + ["END:VEVENT"]
        }
        if let invalidUID {
            lines += ["BEGIN:VEVENT", "UID:\(invalidUID)", "DTSTAMP:20250101T000000Z", "DTSTART:20251310T140000Z",
                      "SUMMARY:Bell \u{07} here", "END:VEVENT"]
        }
        for index in 0..<singles {
            lines += ["BEGIN:VEVENT", "UID:single-\(index + 2)@test", "DTSTAMP:20250101T000000Z", "SEQUENCE:\(sequence)",
                      "DTSTART;TZID=Europe/Berlin:202503\(String(format: "%02d", index % 28 + 1))T0\(index % 10)0000",
                      "DURATION:PT45M", "SUMMARY:Single \(index + 2)", "END:VEVENT"]
        }
        return (lines + ["END:VCALENDAR"]).joined(separator: "\r\n") + "\r\n"
    }

    static func calendar(
        sequence: Int = 0, extraUID: String? = nil, refuse: String? = nil, invalidUID: String? = nil, singles: Int = 0
    ) throws -> FilteredCalendar {
        try CalendarFilter(window: .unbounded).filter(Data(text(
            sequence: sequence, extraUID: extraUID, refuse: refuse, invalidUID: invalidUID, singles: singles).utf8))
    }

    static let identities = ["single-1@test", "weekly-1@test", "weekly-1@test|20250113T090000"]

    /// What every connector's `replace` must do: imports the fixture with an extra
    /// `stale@test` item into `account`, then replaces it with the plain fixture, and expects
    /// the sandbox to hold the fixture's items and no other.
    static func expectReplaceDropsTheStaleItem(_ target: any CalendarTarget, in sandbox: SandboxHarness, account: String) throws {
        _ = try target.importCalendar(try calendar(extraUID: "stale@test"), account: account, mode: .merge, logger: logger)
        #expect(try sandbox.identities(account).contains("stale@test"))
        _ = try target.importCalendar(try calendar(), account: account, mode: .replace, logger: logger)
        #expect(try sandbox.identities(account) == identities)
    }
}
