import Foundation

extension FilteredCalendar {
    /// The whole filtered calendar: one `VCALENDAR`, the header, then the `VTIMEZONE`s used
    /// (sorted by `TZID`, before any item), then the items; CRLF line ends, folded at 75 octets
    /// without splitting a UTF-8 character.
    public func serialized() -> Data {
        let zoneIDs = timeZones.keys.sorted()
        return write(zoneIDs: zoneIDs, components: items.flatMap(\.components))
    }

    /// One `VCALENDAR` holding one item (master and overrides) and, first, the `VTIMEZONE`s
    /// it uses — one CalDAV resource.
    public func serialized(item: CalendarItem) -> Data {
        write(zoneIDs: item.timeZoneIDs.filter { timeZones[$0] != nil }, components: item.components)
    }

    private func write(zoneIDs: [String], components: [Component]) -> Data {
        var writer = ContentLineWriter()
        var calendar = Component(name: "VCALENDAR", properties: calendarProperties)
        calendar.components = zoneIDs.compactMap { timeZones[$0] } + components
        writer.write(calendar)
        return Data(writer.bytes)
    }
}
