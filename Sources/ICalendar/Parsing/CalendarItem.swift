/// One kept item: every component of one UID (the master first, if present, then its
/// `RECURRENCE-ID` overrides in file order) — one CalDAV resource.
public struct CalendarItem: Sendable {
    /// The UID shared by all `components`.
    public var uid: String
    /// The `VEVENT` / `VTODO` / `VJOURNAL` components, exactly as read (a derived UID added).
    public var components: [Component]
    /// The `TZID`s its components (and their sub-components) reference, sorted.
    public var timeZoneIDs: [String]
    /// Whether ``uid`` was derived because its components had none: a stable
    /// `calimport-derived-…` UID, added to them as their `UID` property (see the README).
    public var hasDerivedUID: Bool

    /// Creates an item.
    public init(uid: String, components: [Component], timeZoneIDs: [String], hasDerivedUID: Bool = false) {
        self.uid = uid
        self.components = components
        self.timeZoneIDs = timeZoneIDs
        self.hasDerivedUID = hasDerivedUID
    }

    /// The master component (the one without `RECURRENCE-ID`), if present.
    public var master: Component? {
        components.first { $0.first("RECURRENCE-ID") == nil }
    }

    /// The `TZID` parameter values used anywhere in `components`, sorted and unique.
    static func referencedTimeZoneIDs(_ components: [Component]) -> [String] {
        // Runs over every property of every kept item: parameter names are stored uppercased,
        // so they are compared with "TZID" directly (``Property/parameter(_:)`` would uppercase
        // its argument once per property), and the few TZIDs are collected in a small array.
        var result: [String] = []
        func visit(_ component: Component) {
            let properties = component.properties
            for index in properties.indices {
                let parameters = properties[index].parameters
                guard let tzid = parameters.first(where: { $0.name == "TZID" }) else { continue }
                let value = tzid.value
                if !result.contains(value) { result.append(value) }
            }
            component.components.forEach(visit)
        }
        components.forEach(visit)
        return result.sorted()
    }
}
