import ICalendar

/// Keeps a CalDAV server from scheduling (RFC 6638): `SCHEDULE-AGENT=CLIENT` on every
/// ORGANIZER and ATTENDEE tells it the client handles invitations, so importing sends none.
enum ScheduleAgent {
    /// `item` with `SCHEDULE-AGENT=CLIENT` set on the ORGANIZER and ATTENDEE properties of its components.
    static func clientScheduled(_ item: CalendarItem) -> CalendarItem {
        var item = item
        item.components = item.components.map { component in
            // Components without people stay as read (their verbatim bytes are kept).
            guard component.properties.contains(where: { $0.name == "ORGANIZER" || $0.name == "ATTENDEE" }) else { return component }
            var component = component
            component.properties = component.properties.map { property in
                guard property.name == "ORGANIZER" || property.name == "ATTENDEE" else { return property }
                var property = property
                property.parameters.removeAll { $0.name.uppercased() == "SCHEDULE-AGENT" }
                property.parameters.append(Parameter(name: "SCHEDULE-AGENT", values: ["CLIENT"]))
                return property
            }
            return component
        }
        return item
    }
}
