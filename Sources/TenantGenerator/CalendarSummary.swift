/// What one generated calendar contains.
public struct CalendarSummary: Sendable, Codable, Equatable {
    /// VEVENT and VTODO components; each RECURRENCE-ID override counts as one.
    public var components: Int
    /// Distinct UIDs (series masters and their overrides share one).
    public var uids: Int
    /// Size of the calendar in bytes.
    public var bytes: Int

    public init(components: Int, uids: Int, bytes: Int) {
        self.components = components
        self.uids = uids
        self.bytes = bytes
    }
}
