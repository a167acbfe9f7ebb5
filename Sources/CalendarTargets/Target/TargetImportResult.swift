import ICalendar
/// What a target did with one account's filtered calendar.
public struct TargetImportResult: Sendable, Equatable {
    /// Components the target accepted.
    public var imported: Int
    /// Components the target already had (a retry, or `skip-existing`).
    public var skipped: Int
    /// Items it refused, with the reasons.
    public var itemErrors: [ItemError]
    /// Components in the refused items.
    public var failed: Int
    /// Whether the import stopped at a checkpoint because its job was cancelled: the counts
    /// cover only what was pushed before. Default false.
    public var cancelled: Bool

    public init(imported: Int = 0, skipped: Int = 0, failed: Int = 0, itemErrors: [ItemError] = [], cancelled: Bool = false) {
        self.imported = imported
        self.skipped = skipped
        self.failed = failed
        self.itemErrors = itemErrors
        self.cancelled = cancelled
    }
}
