/// Sums over a batch's accounts (or one domain's), counted in the database, for the report.
public struct BatchTotals: Sendable, Equatable, Codable {
    public var accounts = 0, pending = 0, running = 0, succeeded = 0, partial = 0, failed = 0, cancelled = 0
    /// Components in the files, kept by the window, imported, already there, refused one by one.
    public var eventsInFile = 0, eventsKept = 0, imported = 0, skipped = 0, failedEvents = 0
    /// Bytes of the source files read.
    public var bytes = 0

    public init() {}

    /// Accounts not finished yet (pending or running).
    public var unfinished: Int { pending + running }

    enum CodingKeys: String, CodingKey {
        case accounts, pending, running, succeeded, partial, failed, cancelled
        case eventsInFile = "events_in_file"
        case eventsKept = "events_kept"
        case imported, skipped
        case failedEvents = "failed_events"
        case bytes
    }
}
