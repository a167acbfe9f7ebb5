import Foundation

/// The parts of a parsed document the filter works on: the items to judge (`VEVENT`,
/// `VTODO`, `VJOURNAL`), the `VTIMEZONE`s by `TZID`, and the merged calendar header.
struct CalendarContents {
    /// Items with the index of the `VCALENDAR` they came from (stray components count as the first).
    var entries: [(component: Component, calendarIndex: Int)] = []
    var timeZones: [String: Component] = [:]
    var header: [Property] = []

    static let itemNames: Set<String> = ["VEVENT", "VTODO", "VJOURNAL"]
    static let defaultProductID = "-//calimport//ICalendar//EN"

    init(_ document: CalendarDocument, problems: inout [CalendarProblem]) {
        for (index, calendar) in document.calendars.enumerated() {
            for child in calendar.components { classify(child, calendarIndex: index, problems: &problems) }
        }
        for stray in document.strayComponents { classify(stray, calendarIndex: 0, problems: &problems) }
        header = CalendarContents.mergedHeader(document.calendars, problems: &problems)
    }

    private mutating func classify(_ component: Component, calendarIndex: Int, problems: inout [CalendarProblem]) {
        if CalendarContents.itemNames.contains(component.name) {
            entries.append((component, calendarIndex))
        } else if component.name == "VTIMEZONE" {
            addTimeZone(component, problems: &problems)
        } else {
            problems.append(.warning("\(component.name) at line \(component.line) is not imported "
                                     + "(only VEVENT, VTODO and VJOURNAL are)", in: component))
        }
    }

    private mutating func addTimeZone(_ component: Component, problems: inout [CalendarProblem]) {
        guard let tzid = component.first("TZID")?.value, !tzid.isEmpty else {
            problems.append(.warning("VTIMEZONE at line \(component.line) without TZID ignored", in: component))
            return
        }
        guard let existing = timeZones[tzid] else { timeZones[tzid] = component; return }
        if existing != component {
            problems.append(.warning("VTIMEZONE '\(tzid)' at line \(component.line) differs from the one at line "
                                     + "\(existing.line); the first is used", in: component))
        }
    }

    /// The first calendar's properties, then those of later calendars whose name is new;
    /// never `METHOD`; `VERSION` and `PRODID` supplied when missing.
    static func mergedHeader(_ calendars: [Component], problems: inout [CalendarProblem]) -> [Property] {
        var header: [Property] = []
        var names = Set<String>()
        for (index, calendar) in calendars.enumerated() {
            var added = Set<String>()
            for property in calendar.properties where property.name != "METHOD" {
                if index > 0, names.contains(property.name) {
                    warnOnConflict(property, header: header, calendar: calendar, problems: &problems)
                    continue
                }
                header.append(property)
                added.insert(property.name)
            }
            names.formUnion(added)
        }
        if !names.contains("VERSION") { header.insert(Property(name: "VERSION", value: "2.0"), at: 0) }
        if !names.contains("PRODID") {
            let position = header.firstIndex { $0.name == "VERSION" }.map { $0 + 1 } ?? 0
            header.insert(Property(name: "PRODID", value: defaultProductID), at: position)
        }
        return header
    }

    private static func warnOnConflict(_ property: Property, header: [Property], calendar: Component,
                                       problems: inout [CalendarProblem]) {
        guard property.name == "X-WR-TIMEZONE", let kept = header.first(where: { $0.name == property.name }),
              kept.value != property.value else { return }
        problems.append(CalendarProblem(severity: .warning, line: calendar.line,
                                        reason: "VCALENDAR at line \(calendar.line) has X-WR-TIMEZONE '\(property.value)'; "
                                            + "the output header keeps '\(kept.value)'"))
    }
}
