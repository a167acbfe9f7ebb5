import Foundation
import Testing
@testable import ICalendar

/// The verification's comparison: a server's copy that differs only by what servers rewrite
/// compares clean; each kind of real difference is found, named by UID and RECURRENCE-ID.
struct CalendarComparisonTests {
    static let window = Fixtures.window("20250101T000000Z", "20260101T000000Z")

    /// The file: a weekly Berlin series (10 instances, one EXDATE, one moved override), a
    /// single event with attendees, and a task.
    static let file = """
    \(Fixtures.berlinTimeZone)
    BEGIN:VEVENT
    UID:weekly@test
    DTSTAMP:20250101T000000Z
    SEQUENCE:2
    DTSTART;TZID=Europe/Berlin:20250303T090000
    DTEND;TZID=Europe/Berlin:20250303T100000
    RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=MO
    EXDATE;TZID=Europe/Berlin:20250317T090000
    SUMMARY:Stand-up\\, weekly
    ORGANIZER;CN=Ann:mailto:ann@example.com
    ATTENDEE;CN=Bob;PARTSTAT=ACCEPTED:mailto:bob@example.com
    END:VEVENT
    BEGIN:VEVENT
    UID:weekly@test
    DTSTAMP:20250101T000000Z
    RECURRENCE-ID;TZID=Europe/Berlin:20250324T090000
    DTSTART;TZID=Europe/Berlin:20250324T110000
    DTEND;TZID=Europe/Berlin:20250324T120000
    SUMMARY:Stand-up (moved)
    END:VEVENT
    BEGIN:VEVENT
    UID:single@test
    DTSTAMP:20250101T000000Z
    DTSTART:20250601T120000Z
    DURATION:PT1H
    SUMMARY:Review
    ATTENDEE;CN=Cy:mailto:cy@example.com
    END:VEVENT
    BEGIN:VTODO
    UID:task@test
    DTSTAMP:20250101T000000Z
    DUE;VALUE=DATE:20250701
    SUMMARY:File the report
    END:VTODO
    """

    /// The moved override as the server below stores it (RECURRENCE-ID in UTC).
    static let serverOverride = """
    BEGIN:VEVENT
    UID:weekly@test
    RECURRENCE-ID:20250324T080000Z
    DTSTART:20250324T100000Z
    DTEND:20250324T110000Z
    SUMMARY:Stand-up (moved)
    X-MOZ-GENERATION:3
    END:VEVENT
    """

    /// The same calendar as a server might store it: another TZID name for the same zone, UTC
    /// RECURRENCE-ID, COUNT turned into UNTIL, parts and properties reordered, its own
    /// DTSTAMP/X- properties, defaults written out, SCHEDULE-AGENT added, DTEND instead of DURATION.
    static let rewritten = """
    \(Fixtures.berlinTimeZone.replacingOccurrences(of: "TZID:Europe/Berlin", with: "TZID:(GMT+01.00) Amsterdam / Berlin"))
    BEGIN:VEVENT
    X-ZIMBRA-STATUS:CONFIRMED
    SUMMARY:Stand-up\\, weekly
    UID:weekly@test
    DTSTAMP:20260101T101010Z
    SEQUENCE:2
    DTSTART;TZID="(GMT+01.00) Amsterdam / Berlin":20250303T090000
    DTEND;TZID="(GMT+01.00) Amsterdam / Berlin":20250303T100000
    RRULE:BYDAY=MO;FREQ=WEEKLY;WKST=MO;UNTIL=20250505T070000Z
    EXDATE:20250317T080000Z
    ORGANIZER;CN=Ann;SCHEDULE-AGENT=CLIENT:MAILTO:Ann@Example.com
    ATTENDEE;PARTSTAT=ACCEPTED;CN=Bob;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:bob@example.com
    END:VEVENT
    \(serverOverride)
    BEGIN:VEVENT
    UID:single@test
    DTSTART:20250601T120000Z
    DTEND:20250601T130000Z
    SUMMARY:Review
    ATTENDEE;CN=Cy;PARTSTAT=NEEDS-ACTION;CUTYPE=INDIVIDUAL:mailto:cy@example.com
    CREATED:20260101T000000Z
    END:VEVENT
    BEGIN:VTODO
    UID:task@test
    DUE;VALUE=DATE:20250701
    SUMMARY:File the report
    END:VTODO
    BEGIN:VEVENT
    UID:outside-the-window@test
    DTSTART:20270101T120000Z
    SUMMARY:Not this batch's business
    END:VEVENT
    """

    func differences(_ file: String, _ server: String) throws -> [CalendarDifference] {
        let filter = CalendarFilter(window: Self.window)
        return CalendarComparison(window: Self.window).differences(
            expected: try filter.filter(Fixtures.calendar(file)), actual: try filter.filter(Fixtures.calendar(server)))
    }

    @Test func aCopyDifferingOnlyByWhatServersRewriteIsClean() throws {
        #expect(try differences(Self.file, Self.file).isEmpty)
        #expect(try differences(Self.file, Self.rewritten).isEmpty)
    }

    @Test func deletedEventsAndOverridesAreMissingNamedByUIDAndRecurrenceID() throws {
        let server = Self.rewritten.replacingOccurrences(of: Self.serverOverride, with: "").replacingOccurrences(of: "BEGIN:VTODO\nUID:task@test\nDUE;VALUE=DATE:20250701\nSUMMARY:File the report\nEND:VTODO", with: "")
        let found = try differences(Self.file, server)
        #expect(found.map(\.kind) == [.changed, .missing, .missing], "\(found)")
        // Without its override, the master's own instance at that slot reappears on the server.
        #expect(found[0].uid == "weekly@test" && found[0].recurrenceID == nil)
        #expect(found[0].detail.contains("8 instances in the window in the file, 9 instances on the server"), "\(found[0])")
        #expect(found[1].uid == "weekly@test" && found[1].recurrenceID == "20250324T080000Z" && found[1].line > 0)
        #expect(found[2].uid == "task@test" && found[2].recurrenceID == nil)
    }

    @Test func eventsOnTheServerOnlyAreUnexpectedOutsideTheWindowNot() throws {
        let server = Self.rewritten + "\nBEGIN:VEVENT\nUID:added@test\nDTSTART:20250801T120000Z\nSUMMARY:Added by hand\nEND:VEVENT"
        let found = try differences(Self.file, server)
        #expect(found == [CalendarDifference(kind: .unexpected, uid: "added@test", recurrenceID: nil, line: 0, detail: "not in the file")])
    }

    @Test func anEventMovedOneHourInItsOwnZoneIsShifted() throws {
        let server = Self.rewritten.replacingOccurrences(of: "DTSTART:20250601T120000Z\nDTEND:20250601T130000Z",
                                                        with: "DTSTART:20250601T130000Z\nDTEND:20250601T140000Z")
        let found = try differences(Self.file, server)
        #expect(found.map(\.kind) == [.shifted], "\(found)")
        #expect(found.first?.uid == "single@test")
        #expect(found.first?.detail.contains("20250601T120000Z in the file, 20250601T130000Z on the server (+1h)") == true, "\(found)")
    }

    /// A server that dropped the VTIMEZONE's daylight rule keeps the series' first instance
    /// (in winter) but moves every summer one by an hour: only expansion shows it.
    @Test func aZoneWithoutDaylightTimeShiftsTheSummerInstancesOnly() throws {
        let noDaylight = Self.rewritten.replacingOccurrences(of: "TZOFFSETTO:+0200", with: "TZOFFSETTO:+0100")
            .replacingOccurrences(of: "TZOFFSETFROM:+0200", with: "TZOFFSETFROM:+0100")
            .replacingOccurrences(of: "RECURRENCE-ID:20250324T080000Z", with: "RECURRENCE-ID;TZID=\"(GMT+01.00) Amsterdam / Berlin\":20250324T090000")
            .replacingOccurrences(of: "EXDATE:20250317T080000Z", with: "EXDATE;TZID=\"(GMT+01.00) Amsterdam / Berlin\":20250317T090000")
            .replacingOccurrences(of: ";UNTIL=20250505T070000Z", with: ";COUNT=10")
        let found = try differences(Self.file, noDaylight)
        let shifted = found.filter { $0.kind == .shifted }
        #expect(shifted.count == 1 && shifted.first?.uid == "weekly@test" && shifted.first?.recurrenceID == nil, "\(found)")
        // 3 and 10 March are winter; from 31 March (after the 30 March change) on, 6 instances move.
        #expect(shifted.first?.detail.hasPrefix("6 of 8 instances moved; the first starts 20250331T070000Z in the file, 20250331T080000Z on the server (+1h)") == true, "\(found)")
    }

    @Test func contentAndSequenceChangesAreChangedWithWhatDiffers() throws {
        let server = Self.rewritten.replacingOccurrences(of: "SUMMARY:Review", with: "SUMMARY:Review (edited)")
            .replacingOccurrences(of: "ATTENDEE;PARTSTAT=ACCEPTED;CN=Bob;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:bob@example.com\n", with: "")
            .replacingOccurrences(of: "SEQUENCE:2", with: "SEQUENCE:0")
        let found = try differences(Self.file, server)
        #expect(found.map(\.kind) == [.changed, .changed], "\(found)")
        #expect(found[0].uid == "weekly@test" && found[0].detail.contains("SEQUENCE 2 in the file, 0 on the server"))
        #expect(found[0].detail.contains("ATTENDEE;CN=Bob;PARTSTAT=ACCEPTED:mailto:bob@example.com only in the file"), "\(found[0])")
        #expect(found[1].uid == "single@test" && found[1].detail.contains("SUMMARY:Review only in the file")
                && found[1].detail.contains("SUMMARY:Review (edited) only on the server"), "\(found[1])")
    }
}
