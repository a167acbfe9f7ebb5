import Foundation
import TestSupport
import Testing

/// The read-back comparison the CalDAV tests rely on can fail: a time shift, a lost EXDATE or
/// a missing SCHEDULE-AGENT changes the content; the same instant written in another zone does not.
@Suite struct ComponentContentTests {
    func event(_ start: String, exdate: String? = "EXDATE;TZID=Europe/Berlin:20250113T090000", agent: String = ";SCHEDULE-AGENT=CLIENT") -> String {
        (["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:u@test", start, "RRULE:FREQ=WEEKLY;COUNT=3"] + (exdate.map { [$0] } ?? [])
            + ["ATTENDEE\(agent):mailto:Bob@Example.com", "END:VEVENT", "END:VCALENDAR"]).joined(separator: "\r\n")
    }

    @Test func aTimeShiftALostExceptionOrAMissingScheduleAgentDiffer() {
        let source = ComponentContent.contents(in: event("DTSTART;TZID=Europe/Berlin:20250106T090000"))["u@test"]
        #expect(source?.start == "2025-01-06T08:00:00Z")
        #expect(ComponentContent.contents(in: event("DTSTART;TZID=\"W. Europe Standard Time\":20250106T090000"))["u@test"] == source)
        #expect(ComponentContent.contents(in: event("DTSTART:20250106T080000Z"))["u@test"] == source)
        #expect(ComponentContent.contents(in: event("DTSTART;TZID=Europe/London:20250106T090000"))["u@test"] != source)
        #expect(ComponentContent.contents(in: event("DTSTART;TZID=Europe/Berlin:20250106T090000", exdate: nil))["u@test"] != source)
        #expect(ComponentContent.contents(in: event("DTSTART;TZID=Europe/Berlin:20250106T090000", agent: ""))["u@test"] != source)
    }
}
