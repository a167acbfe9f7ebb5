import Foundation

/// The parts of a parsed document the filter works on: the items to judge (`VEVENT`,
/// `VTODO`, `VJOURNAL`), the `VTIMEZONE`s by `TZID`, and the merged calendar header.
struct CalendarContents {
    /// One item component, the index of the `VCALENDAR` it came from (stray components count
    /// as the first), and whether its UID was derived (``DerivedUIDs``) because it had none.
    typealias Entry = (component: Component, calendarIndex: Int, hasDerivedUID: Bool)

    /// The items, in file order, each with a UID (derived where it had none).
    var entries: [Entry] = []
    /// Numbers the components without UID in file order (``DerivedUIDs``).
    var derivedUIDs = DerivedUIDs()
    var timeZones: [String: Component] = [:]
    var header: [Property] = []

    static let itemNames: Set<String> = ["VEVENT", "VTODO", "VJOURNAL"]
    static let defaultProductID = "-//calimport//ICalendar//EN"

    init(_ document: CalendarDocument, problems: inout [CalendarProblem]) {
        for (read, index) in CalendarContents.inFileOrder(document) where classify(read, problems: &problems) {
            var component = read
            let derived = derivedUIDs.assignIfMissing(to: &component) != nil
            entries.append((component, index, derived))
        }
        header = CalendarContents.mergedHeader(document.calendars, problems: &problems)
    }

    /// The calendars' children and the stray components merged back into file order (by
    /// their `BEGIN` line), each with its calendar index (0 for a stray one), so "the first"
    /// means the first in the file, as when the file is streamed.
    private static func inFileOrder(_ document: CalendarDocument) -> [(Component, Int)] {
        let children = document.calendars.enumerated().flatMap { index, calendar in calendar.components.map { ($0, index) } }
        let strays = document.strayComponents
        var merged: [(Component, Int)] = []
        merged.reserveCapacity(children.count + strays.count)
        var next = 0
        for child in children {
            while next < strays.count, strays[next].line < child.0.line {
                merged.append((strays[next], 0))
                next += 1
            }
            merged.append(child)
        }
        merged.append(contentsOf: strays[next...].map { ($0, 0) })
        return merged
    }

    /// An empty collection, filled with ``classify(_:problems:)`` by a streaming reader.
    init() {}

    /// Takes in one top-level component: keeps a `VTIMEZONE`, reports one that is not
    /// imported, and returns `true` for an item (`VEVENT`, `VTODO`, `VJOURNAL`), which the
    /// caller stores.
    mutating func classify(_ component: Component, problems: inout [CalendarProblem]) -> Bool {
        if CalendarContents.itemNames.contains(component.name) { return true }
        if component.name == "VTIMEZONE" {
            addTimeZone(component, problems: &problems)
        } else {
            problems.append(.warning("\(component.name) at line \(component.line) is not imported "
                                     + "(only VEVENT, VTODO and VJOURNAL are)", in: component))
        }
        return false
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
