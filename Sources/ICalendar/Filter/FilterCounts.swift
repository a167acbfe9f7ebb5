/// How many components a filter run read and kept.
public struct FilterCounts: Sendable, Equatable {
    /// `VEVENT` + `VTODO` + `VJOURNAL` components read (each override counts one).
    public var componentsInFile: Int
    /// Of those, the components written out.
    public var componentsKept: Int
    /// Distinct UIDs kept.
    public var itemsKept: Int
    /// Of the kept items, those whose components had no UID and were given a derived one
    /// (``CalendarItem/hasDerivedUID``).
    public var derivedUIDs: Int

    /// Creates counts.
    public init(componentsInFile: Int = 0, componentsKept: Int = 0, itemsKept: Int = 0, derivedUIDs: Int = 0) {
        self.componentsInFile = componentsInFile
        self.componentsKept = componentsKept
        self.itemsKept = itemsKept
        self.derivedUIDs = derivedUIDs
    }
}
