import Foundation
import ICalendar

/// Whether a stored appointment is in a REST export limited by `start`/`end`: Zimbra keeps a
/// calendar item when `expandInstances(start, end)` is not empty (Zimbra/zm-mailbox
/// store/src/java/com/zimbra/cs/service/formatter/IcsFormatter.java:77-93). The sandbox
/// approximates it on its own, without calimport's window filter: a recurring item is assumed
/// to have an instance in any range; a single one is kept when `DTSTART`..`DTEND` (a zone's local
/// time read as UTC, a date as a whole day) overlaps the range.
enum ZimbraRangeCheck {
    static func overlaps(_ data: Data, from: Date?, to: Date?) -> Bool {
        let components = ((try? CalendarDocument.parse(data))?.calendars.flatMap(\.components) ?? [])
            .filter { ["VEVENT", "VTODO"].contains($0.name) }
        return components.contains { component in
            if component.first("RRULE") != nil || component.first("RDATE") != nil { return true }
            guard let text = component.first("DTSTART")?.value ?? component.first("DUE")?.value,
                  let start = ZimbraInstanceCheck.date(ZimbraInstanceCheck.localText(text)) else { return true }
            let wholeDay = ZimbraInstanceCheck.localText(text).count == 8
            let end = component.first("DTEND").flatMap { ZimbraInstanceCheck.date(ZimbraInstanceCheck.localText($0.value)) }
                ?? start.addingTimeInterval(wholeDay ? 86400 : 0)
            let beforeEnd = to.map { start < $0 } ?? true
            let afterStart = from.map { end > $0 || (end == start && start >= $0) } ?? true
            return beforeEnd && afterStart
        }
    }
}
