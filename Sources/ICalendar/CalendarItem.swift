/// One kept item: every component of one UID (the master first, if present, then its
/// `RECURRENCE-ID` overrides in file order) — one CalDAV resource.
public struct CalendarItem: Sendable {
    /// The UID shared by all `components`.
    public var uid: String
    /// The `VEVENT` / `VTODO` / `VJOURNAL` components, exactly as read.
    public var components: [Component]
    /// The `TZID`s its components (and their sub-components) reference, sorted.
    public var timeZoneIDs: [String]

    /// Creates an item.
    public init(uid: String, components: [Component], timeZoneIDs: [String]) {
        self.uid = uid
        self.components = components
        self.timeZoneIDs = timeZoneIDs
    }

    /// The master component (the one without `RECURRENCE-ID`), if present.
    public var master: Component? {
        components.first { $0.first("RECURRENCE-ID") == nil }
    }

    /// The `TZID` parameter values used anywhere in `components`, sorted and unique.
    static func referencedTimeZoneIDs(_ components: [Component]) -> [String] {
        var result = Set<String>()
        func visit(_ component: Component) {
            for property in component.properties {
                if let tzid = property.parameter("TZID") { result.insert(tzid) }
            }
            component.components.forEach(visit)
        }
        components.forEach(visit)
        return result.sorted()
    }
}
