import Foundation
import Testing
@testable import ICalendar

@Suite struct CalendarInspectionTests {
    static let data = Fixtures.calendar(Fixtures.berlinTimeZone + "\n" + """
    BEGIN:VEVENT
    UID:berlin-weekly
    DTSTART;TZID=Europe/Berlin:20240304T090000
    DTEND;TZID=Europe/Berlin:20240304T093000
    RRULE:FREQ=WEEKLY;COUNT=3
    END:VEVENT
    BEGIN:VEVENT
    UID:berlin-weekly
    RECURRENCE-ID;TZID=Europe/Berlin:20240311T090000
    DTSTART;TZID=Europe/Berlin:20240311T100000
    DTEND;TZID=Europe/Berlin:20240311T103000
    END:VEVENT
    BEGIN:VEVENT
    UID:windows
    DTSTART;TZID=Eastern Standard Time:20240101T090000
    RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1
    END:VEVENT
    BEGIN:VEVENT
    UID:tokyo
    DTSTART;TZID=Asia/Tokyo:20231201T090000
    END:VEVENT
    BEGIN:VEVENT
    UID:nowhere
    DTSTART;TZID=Mars/Olympus:20240101T090000
    END:VEVENT
    BEGIN:VEVENT
    UID:orphan
    RECURRENCE-ID:20240105T090000Z
    DTSTART:20240105T100000Z
    END:VEVENT
    BEGIN:VTODO
    UID:todo
    END:VTODO
    """)

    @Test func countsComponentsSeriesAndOverrides() throws {
        let inspection = try CalendarInspection.inspect(Self.data)
        #expect(inspection.components == ["VEVENT": 6, "VTODO": 1, "VTIMEZONE": 1])
        #expect(inspection.uids == 6)
        #expect(inspection.recurringSeries == 2)
        #expect(inspection.overrides == 2)
        #expect(inspection.overridesWithoutMaster == 1)
    }

    @Test func reportsHowEachTimeZoneWasResolved() throws {
        let zones = try CalendarInspection.inspect(Self.data).timeZones
        #expect(zones.map(\.tzid) == ["Asia/Tokyo", "Eastern Standard Time", "Europe/Berlin", "Mars/Olympus"])
        #expect(zones.map(\.source) == [.iana, .windows, .file, .unresolved])
        #expect(zones[1].iana == "America/New_York")
        #expect(zones[2].items == 1)
    }

    @Test func datesCoveredAndProblemsWithTheirLines() throws {
        let inspection = try CalendarInspection.inspect(Self.data)
        #expect(inspection.firstStart == "20231201T000000Z")
        #expect(inspection.openEndedSeries == 1)
        #expect(inspection.lastEnd == nil)
        let unknown = inspection.problems.first { $0.reason.contains("Mars/Olympus") }
        #expect(unknown?.line == 42)  // its BEGIN:VEVENT
        #expect(unknown?.uid == "nowhere")
    }

    @Test func boundedSeriesGiveTheEndOfTheirLastInstance() throws {
        let data = Fixtures.calendar(Fixtures.berlinTimeZone + "\n" + """
        BEGIN:VEVENT
        UID:berlin-weekly
        DTSTART;TZID=Europe/Berlin:20240304T090000
        DTEND;TZID=Europe/Berlin:20240304T093000
        RRULE:FREQ=WEEKLY;COUNT=5;BYDAY=MO
        EXDATE;TZID=Europe/Berlin:20240311T090000
        END:VEVENT
        """)
        let inspection = try CalendarInspection.inspect(data)
        #expect(inspection.firstStart == "20240304T080000Z")
        // The 5th Monday is 1 April, after the change to summer time: 09:30 CEST = 07:30 UTC.
        #expect(inspection.lastEnd == "20240401T073000Z")
    }

    @Test func notICalendarThrows() {
        #expect(throws: ICalendarError.self) { try CalendarInspection.inspect(Data("hello\n".utf8)) }
    }
}
