import Foundation

/// Everything a sandbox account holds under one UID: a CalDAV resource, a Zimbra appointment,
/// a WCAP or BlueMind event series.
public struct StoredItem: Sendable {
    /// The UID.
    public var uid: String
    /// The CalDAV resource name it is stored under.
    public var resourceName: String
    /// Its entity tag; changes at every write.
    public var etag: String
    /// The iCalendar text as last written.
    public var data: Data
    /// Its components (master first, then overrides).
    public var events: [StoredEvent]
    /// When the node wrote it (BlueMind keeps this as the item's `updated`).
    public var written = Date()
    /// The highest SEQUENCE of its components.
    public var sequence: Int { events.map(\.sequence).max() ?? 0 }
}
