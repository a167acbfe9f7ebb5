import Foundation

/// What a calendar file holds, for `calimport ics inspect`: components by type, series,
/// overrides, the time zones its items use and how each was resolved, the dates it covers,
/// and every problem with its line. Encodes to JSON with snake_case keys as documented in
/// the README.
public struct CalendarInspection: Sendable, Codable {
    /// One `TZID` used by the file's items.
    public struct TimeZoneUse: Sendable, Codable, Equatable {
        /// The `TZID` as written.
        public var tzid: String
        /// How it was resolved.
        public var source: ZoneSource
        /// The IANA zone used, when the system's database gave the rules.
        public var iana: String?
        /// How many items (UIDs) use it.
        public var items: Int
    }

    /// One problem, as ``CalendarProblem`` but encodable.
    public struct Problem: Sendable, Codable, Equatable {
        public var severity: String
        public var line: Int?
        public var uid: String?
        public var recurrenceID: String?
        public var reason: String
    }

    /// Top-level components by name (`VEVENT`, `VTODO`, `VJOURNAL`, `VTIMEZONE`, …), strays included.
    public var components: [String: Int]
    /// Distinct UIDs of the items.
    public var uids: Int
    /// Of those, the UIDs derived for components that had none (``CalendarItem/hasDerivedUID``).
    public var derivedUIDs: Int
    /// Masters with an `RRULE` or `RDATE`.
    public var recurringSeries: Int
    /// Components with a `RECURRENCE-ID`.
    public var overrides: Int
    /// Overrides whose UID has no master in the file (each judged on its own).
    public var overridesWithoutMaster: Int
    /// The time zones the items use, sorted by `TZID`.
    public var timeZones: [TimeZoneUse]
    /// The earliest start of any item (UTC, `20250101T090000Z`), if any has a readable start.
    public var firstStart: String?
    /// The latest end of any item's last occurrence (UTC), `nil` when none or when open-ended.
    public var lastEnd: String?
    /// Series without an end (no `COUNT`/`UNTIL`): the range covered has no upper end.
    public var openEndedSeries: Int
    /// Every warning and error, with its line.
    public var problems: [Problem]

    enum CodingKeys: String, CodingKey {
        case components, uids, recurringSeries, overrides, overridesWithoutMaster, timeZones
        case firstStart, lastEnd, openEndedSeries, problems
        /// `derived_uids` once converted to snake case (`derivedUIDs` would give `derived_ui_ds`).
        case derivedUIDs = "derivedUids"
    }

    /// Inspects a whole file. Throws ``ICalendarError`` like ``CalendarFilter/filter(_:)-(Data)``.
    public static func inspect(_ data: Data) throws -> CalendarInspection {
        let document = try CalendarDocument.parse(data)
        var notes: [CalendarProblem] = []
        let contents = CalendarContents(document, problems: &notes)
        var filter = CalendarFilter(window: .unbounded)
        filter.substitutesZones = false
        let filtered = filter.filter(document)
        let resolver = ZoneResolver(timeZones: contents.timeZones)
        var inspection = CalendarInspection(components: countComponents(document), uids: filtered.items.count,
                                            derivedUIDs: filtered.counts.derivedUIDs,
                                            recurringSeries: 0, overrides: 0, overridesWithoutMaster: 0, timeZones: [],
                                            firstStart: nil, lastEnd: nil, openEndedSeries: 0,
                                            problems: filtered.problems.map(Problem.init))
        inspection.addSeries(filtered.items)
        inspection.addTimeZones(filtered.items, resolver: resolver)
        inspection.addDateRange(filtered.items, document: document, resolver: resolver)
        return inspection
    }

    private static func countComponents(_ document: CalendarDocument) -> [String: Int] {
        var counts: [String: Int] = [:]
        for component in document.calendars.flatMap(\.components) + document.strayComponents {
            counts[component.name, default: 0] += 1
        }
        return counts
    }

    private mutating func addSeries(_ items: [CalendarItem]) {
        for item in items {
            let master = item.master
            if let master, master.first("RRULE") != nil || master.first("RDATE") != nil { recurringSeries += 1 }
            let count = item.components.count - (master == nil ? 0 : 1)
            overrides += count
            if master == nil { overridesWithoutMaster += count }
        }
    }

    private mutating func addTimeZones(_ items: [CalendarItem], resolver: ZoneResolver) {
        var uses: [String: Int] = [:]
        for item in items { for tzid in item.timeZoneIDs { uses[tzid, default: 0] += 1 } }
        timeZones = uses.keys.sorted().map { tzid in
            let resolution = resolver.resolve(tzid)
            return TimeZoneUse(tzid: tzid, source: resolution.source, iana: resolution.identifier, items: uses[tzid]!)
        }
    }

    private mutating func addDateRange(_ items: [CalendarItem], document: CalendarDocument, resolver: ZoneResolver) {
        var problems: [CalendarProblem] = []
        let zones = CalendarFilter(window: .unbounded).calendarZones(document.calendars, resolver: resolver, problems: &problems)
        let check = SeriesWindowCheck(window: .unbounded, context: TimeContext(resolver: resolver, calendarZone: zones.first ?? .utc))
        var first: Int64?, last: Int64?
        for component in items.flatMap(\.components) {
            var notes: [String] = []
            guard let extent = check.extent(of: component, notes: &notes) else { continue }
            first = min(first ?? extent.start, extent.start)
            if let end = extent.end { last = max(last ?? end, end) } else { openEndedSeries += 1 }
        }
        firstStart = first.map(LocalDateTime.utcFormat)
        lastEnd = openEndedSeries > 0 ? nil : last.map(LocalDateTime.utcFormat)
    }
}

extension CalendarInspection.Problem {
    init(_ problem: CalendarProblem) {
        self.init(severity: problem.severity.rawValue, line: problem.line, uid: problem.uid,
                  recurrenceID: problem.recurrenceID, reason: problem.reason)
    }
}
