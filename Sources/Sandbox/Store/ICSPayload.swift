import Foundation
import ICalendar

/// An iCalendar body a client sent, read into items per UID with what the vendors check.
struct ICSPayload {
    /// One UID's components and the text that carries them.
    struct Item {
        var uid: String
        var events: [StoredEvent]
        var components: [Component]
        /// Why the node refuses this item, if it does.
        var refusal: String?
    }

    var items: [Item] = []
    /// TZIDs used by an item before the VTIMEZONE defining them (Zimbra's streaming parser fails on those).
    var zonesUsedBeforeDefinition: [String] = []

    /// Parses `data`; nil when it is not iCalendar at all.
    init?(_ data: Data) {
        guard let document = try? CalendarDocument.parse(data) else { return nil }
        var byUID: [String: Int] = [:]
        var definedZones = Set<String>()
        let allZones = Set(document.calendars.flatMap(\.components).filter { $0.name == "VTIMEZONE" }.compactMap { $0.first("TZID")?.value })
        for calendar in document.calendars {
            for component in calendar.components {
                if component.name == "VTIMEZONE", let tzid = component.first("TZID")?.value {
                    definedZones.insert(tzid)
                    continue
                }
                guard ["VEVENT", "VTODO", "VJOURNAL"].contains(component.name) else { continue }
                let uid = component.first("UID")?.value ?? ""
                for tzid in Self.zoneIDs(component) where allZones.contains(tzid) && !definedZones.contains(tzid) {
                    zonesUsedBeforeDefinition.append(tzid)
                }
                let event = Self.storedEvent(component, uid: uid)
                let refusal = component.first("X-CALIMPORT-SANDBOX-REFUSE")?.value ?? (uid.isEmpty ? "component without UID" : nil)
                if let index = byUID[uid] {
                    items[index].events.append(event)
                    items[index].components.append(component)
                    items[index].refusal = items[index].refusal ?? refusal
                } else {
                    byUID[uid] = items.count
                    items.append(Item(uid: uid, events: [event], components: [component], refusal: refusal))
                }
            }
        }
    }

    /// One item as a calendar of its own, the way the node stores it.
    static func text(of item: Item) -> Data {
        let calendar = FilteredCalendar(
            items: [CalendarItem(uid: item.uid, components: item.components, timeZoneIDs: [])], timeZones: [:],
            calendarProperties: [Property(name: "VERSION", value: "2.0"), Property(name: "PRODID", value: "-//calimport//sandbox//EN")],
            counts: FilterCounts(), problems: [])
        return calendar.serialized()
    }

    static func storedEvent(_ component: Component, uid: String) -> StoredEvent {
        let agents = component.properties.filter { $0.name == "ORGANIZER" || $0.name == "ATTENDEE" }
            .map { $0.parameter("SCHEDULE-AGENT") ?? "" }
        return StoredEvent(
            uid: uid, recurrenceID: component.first("RECURRENCE-ID")?.value,
            sequence: Int(component.first("SEQUENCE")?.value.trimmingCharacters(in: .whitespaces) ?? "") ?? 0,
            scheduleAgents: agents)
    }

    static func zoneIDs(_ component: Component) -> [String] {
        component.properties.compactMap { $0.parameter("TZID") } + component.components.flatMap(zoneIDs)
    }
}
