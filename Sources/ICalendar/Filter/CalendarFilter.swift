import Foundation

/// Parses calendar files and keeps what overlaps a date window (see ``FilteredCalendar``).
public struct CalendarFilter: Sendable {
    /// The window items must overlap to be kept.
    public let window: DateWindow
    /// Whether kept items' `TZID`s the file does not define are rewritten and get a generated
    /// `VTIMEZONE` (``ZoneSubstitution``): true for what is sent, false to describe the file as read.
    var substitutesZones = true

    /// Creates a filter for `window`.
    public init(window: DateWindow) {
        self.window = window
    }

    /// Parses and filters a whole file. Throws ``ICalendarError`` only when the file as a
    /// whole is unusable (empty, no `VCALENDAR` at all); everything else becomes `problems`.
    public func filter(_ data: Data) throws -> FilteredCalendar {
        filter(try CalendarDocument.parse(data))
    }

    /// Reads, parses and filters a file; an unreadable file throws `.unreadableFile`.
    public func filter(contentsOf url: URL) throws -> FilteredCalendar {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ICalendarError(code: .unreadableFile, message: "cannot read \(url.path): \(error.localizedDescription)")
        }
        return try filter(data)
    }

    /// Filters an already parsed document.
    public func filter(_ document: CalendarDocument) -> FilteredCalendar {
        var problems = document.problems
        var contents = CalendarContents(document, problems: &problems)
        let resolver = ZoneResolver(timeZones: contents.timeZones)
        let zones = calendarZones(document.calendars, resolver: resolver, problems: &problems)
        let substitution = substitutesZones ? ZoneSubstitution(resolver: resolver) : nil
        var items: [CalendarItem] = []
        keptItems(of: contents.entries, resolver: resolver, substitution: substitution, zones: zones, problems: &problems) {
            items.append($0)
        }
        let used = Set(items.flatMap(\.timeZoneIDs))
        contents.timeZones = contents.timeZones.filter { used.contains($0.key) }
            .merging(substitution?.generatedTimeZones() ?? [:]) { file, _ in file }
        let counts = FilterCounts(componentsInFile: contents.entries.count,
                                  componentsKept: items.reduce(0) { $0 + $1.components.count },
                                  itemsKept: items.count, derivedUIDs: items.filter(\.hasDerivedUID).count)
        return FilteredCalendar(items: items, timeZones: contents.timeZones, calendarProperties: contents.header,
                                counts: counts, problems: problems)
    }

    /// Groups `entries` by UID and calls `body` with each item the window keeps, in order of
    /// first appearance, its `TZID`s rewritten by `substitution`; what happens on the way goes
    /// to `problems`.
    func keptItems(of entries: [CalendarContents.Entry], resolver: ZoneResolver,
                   substitution: ZoneSubstitution?, zones: [ZoneRules], problems: inout [CalendarProblem],
                   _ body: (CalendarItem) throws -> Void) rethrows {
        for group in UIDGroup.group(entries, problems: &problems) {
            let context = TimeContext(resolver: resolver, calendarZone: zones[safe: group.calendarIndex] ?? .utc)
            if let item = keep(group, context: context, problems: &problems) { try body(substitution?.apply(to: item) ?? item) }
        }
    }

    /// The item for `group` when it overlaps the window, with its notes added to `problems`.
    private func keep(_ group: UIDGroup, context: TimeContext, problems: inout [CalendarProblem]) -> CalendarItem? {
        var verdict = SeriesWindowCheck.Verdict(keep: true)
        if !window.isUnbounded {
            verdict = SeriesWindowCheck(window: window, context: context).judge(master: group.master, overrides: group.overrides)
        }
        let components = (group.master.map { [$0] } ?? []) + group.overrides
        let timeZoneIDs = CalendarItem.referencedTimeZoneIDs(components)
        if verdict.keep, let first = components.first {
            for tzid in timeZoneIDs {
                if let note = context.resolver.resolve(tzid).note { verdict.notes.append((first, note)) }
            }
        }
        var seen = Set<String>()
        for (component, note) in verdict.notes where seen.insert(note).inserted {
            problems.append(.warning(note, in: component))
        }
        guard verdict.keep else { return nil }
        if group.hasDerivedUID {
            for component in components {
                problems.append(.warning("\(component.name) at line \(component.line) has no UID; "
                                         + "imported under the derived UID \(group.uid)", in: component))
            }
        }
        return CalendarItem(uid: group.uid, components: components, timeZoneIDs: timeZoneIDs,
                            hasDerivedUID: group.hasDerivedUID)
    }

    /// The zone of each calendar's floating times: its `X-WR-TIMEZONE`, else UTC.
    func calendarZones(_ calendars: [Component], resolver: ZoneResolver,
                               problems: inout [CalendarProblem]) -> [ZoneRules] {
        calendars.map { calendar in
            guard let name = calendar.first("X-WR-TIMEZONE")?.value.trimmingCharacters(in: .whitespaces),
                  !name.isEmpty else { return .utc }
            if let rules = resolver.resolve(name).rules { return rules }
            problems.append(CalendarProblem(severity: .warning, line: calendar.line,
                                            reason: "X-WR-TIMEZONE '\(name)' unknown; floating times read as UTC"))
            return .utc
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
