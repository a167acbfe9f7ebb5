import Foundation
import Testing
@testable import ICalendar

@Suite struct RoundTripTests {
    @Test func parseSerializeParseGivesEqualComponents() throws {
        let data = Fixtures.calendar(Fixtures.berlinTimeZone + "\n" + """
        BEGIN:VEVENT
        UID:rt-1
        DTSTART;TZID=Europe/Berlin:20240304T090000
        DTEND;TZID=Europe/Berlin:20240304T093000
        RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20240601T000000Z
        ATTENDEE;CN="Müller, Anna";PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:anna@example.org
        DESCRIPTION:A long description that will certainly need folding because it is longer than seventy-five octets\\, with escapes\\n and ünïcödé.
        X-MOZ-GENERATION:3
        BEGIN:VALARM
        ACTION:DISPLAY
        TRIGGER:-PT15M
        DESCRIPTION:Reminder
        END:VALARM
        END:VEVENT
        BEGIN:VEVENT
        UID:rt-1
        RECURRENCE-ID;TZID=Europe/Berlin:20240311T090000
        DTSTART;TZID=Europe/Berlin:20240311T100000
        DTEND;TZID=Europe/Berlin:20240311T103000
        END:VEVENT
        """, header: "X-WR-CALNAME:Team\nMETHOD:PUBLISH")
        let filtered = try CalendarFilter(window: .unbounded).filter(data)
        let original = try CalendarDocument.parse(data).calendars[0].components
        let out = filtered.serialized()
        let reparsed = try CalendarDocument.parse(out)
        #expect(reparsed.calendars.count == 1)
        #expect(reparsed.calendars[0].components == original)
        #expect(reparsed.calendars[0].properties.map(\.name) == ["VERSION", "PRODID", "X-WR-CALNAME"])
        #expect(reparsed.problems.isEmpty)
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.range(of: "BEGIN:VTIMEZONE")!.lowerBound < text.range(of: "BEGIN:VEVENT")!.lowerBound)
        #expect(!text.contains("METHOD"))

        let item = try #require(filtered.items.first)
        let single = try CalendarDocument.parse(filtered.serialized(item: item))
        #expect(single.calendars[0].components.map(\.name) == ["VTIMEZONE", "VEVENT", "VEVENT"])
    }
}
