/// What the date window kept from one calendar file.
public struct FilteredCalendar: Sendable {
    /// Kept items grouped by UID, in order of first appearance: each item's components are the
    /// master (if present) first, then its `RECURRENCE-ID` overrides.
    public var items: [CalendarItem]
    /// `VTIMEZONE` components, by `TZID`, that kept items use (only those): the file's own,
    /// and one generated from the system's database for each zone the file names without
    /// defining it, under the IANA name the items' `TZID`s were rewritten to (``ZoneSubstitution``).
    public var timeZones: [String: Component]
    /// Calendar-level properties for the output header (`VERSION`, `PRODID`, `CALSCALE`,
    /// `X-WR-CALNAME`, `X-WR-TIMEZONE`, …; never `METHOD`).
    public var calendarProperties: [Property]
    /// How many components were read and kept.
    public var counts: FilterCounts
    /// Per-event problems and file warnings, in the order found.
    public var problems: [CalendarProblem]

    /// Creates a filtered calendar.
    public init(items: [CalendarItem], timeZones: [String: Component], calendarProperties: [Property],
                counts: FilterCounts, problems: [CalendarProblem]) {
        self.items = items
        self.timeZones = timeZones
        self.calendarProperties = calendarProperties
        self.counts = counts
        self.problems = problems
    }
}
