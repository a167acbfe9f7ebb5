import ICalendar

/// What reading an account's calendar from a node found.
public struct CalendarReadResult: Sendable, Equatable {
    /// Whether the calendar exists (a fresh account's may not).
    public var exists: Bool
    /// Resources (CalDAV) or documents read.
    public var resources: Int
    /// Components written (`VEVENT`, `VTODO`, `VJOURNAL`, overrides counted each); 0 from a
    /// reader that copies a document without parsing it (the file target).
    public var components: Int
    /// Resources the node holds that could not be read or parsed, each with the reason.
    public var unreadable: [ItemError]

    /// Creates a result.
    public init(exists: Bool, resources: Int = 0, components: Int = 0, unreadable: [ItemError] = []) {
        self.exists = exists
        self.resources = resources
        self.components = components
        self.unreadable = unreadable
    }
}
