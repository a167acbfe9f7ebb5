/// Compares what a server holds with what the window keeps of the file, component by component
/// (UID and `RECURRENCE-ID`, the latter as a UTC instant so a re-expressed zone still matches):
/// each difference is ``CalendarDifference/Kind/missing``, ``CalendarDifference/Kind/unexpected``,
/// ``CalendarDifference/Kind/changed`` or ``CalendarDifference/Kind/shifted``. Both sides are
/// filtered calendars of the same window (the server's export read through ``CalendarFilter``),
/// so what the server holds outside the window is not unexpected. Content is compared through
/// ``ComponentFingerprint`` (what servers rewrite is left out); times as the UTC start and end
/// of each instance in the window (at most ``instanceLimit`` per component).
public struct CalendarComparison: Sendable {
    /// The window both sides were filtered with.
    public let window: DateWindow
    /// Instances compared per component (a daily series without end has thousands).
    public var instanceLimit = 500

    /// A comparison over `window`.
    public init(window: DateWindow) {
        self.window = window
    }

    /// The differences between `expected` (the file's) and `actual` (the server's), in the
    /// file's order, then the server's extra UIDs in its order.
    public func differences(expected: FilteredCalendar, actual: FilteredCalendar) -> [CalendarDifference] {
        let mine = Side(expected, window: window)
        let theirs = Side(actual, window: window)
        var result: [CalendarDifference] = []
        for item in expected.items {
            guard let their = theirs.items[item.uid] else {
                for component in item.components {
                    result.append(difference(.missing, component, of: item.uid, side: mine, detail: "not on the server"))
                }
                continue
            }
            // The server's components by key: unique within an item, since CalendarFilter already
            // collapsed repeated UID/RECURRENCE-ID pairs (its problems say so). Matched ones are
            // taken out; what is left is unexpected.
            let theirKeys = their.components.map(theirs.key(of:))
            var unmatched = Dictionary(theirKeys.enumerated().map { ($1, $0) }) { first, _ in first }
            let (myOverrides, theirOverrides) = (overrides(of: item), overrides(of: their))
            for component in item.components {
                guard let index = unmatched.removeValue(forKey: mine.key(of: component)) else {
                    result.append(difference(.missing, component, of: item.uid, side: mine, detail: "not on the server"))
                    continue
                }
                result += compare(component, overrides: myOverrides, mine,
                                  with: their.components[index], overrides: theirOverrides, theirs, uid: item.uid)
            }
            for (index, component) in their.components.enumerated() where unmatched[theirKeys[index]] == index {
                result.append(difference(.unexpected, component, of: item.uid, side: theirs, detail: "not in the file"))
            }
        }
        let fileUIDs = Set(expected.items.map(\.uid))
        for item in actual.items where !fileUIDs.contains(item.uid) {
            for component in item.components {
                result.append(difference(.unexpected, component, of: item.uid, side: theirs, detail: "not in the file"))
            }
        }
        return result
    }

    /// The differences of one component present on both sides.
    private func compare(_ component: Component, overrides: [Component], _ mine: Side,
                         with other: Component, overrides otherOverrides: [Component], _ theirs: Side,
                         uid: String) -> [CalendarDifference] {
        var changes: [String] = []
        if component.name != other.name { changes.append("\(component.name) in the file, \(other.name) on the server") }
        let sequence = component.first("SEQUENCE").flatMap { Int($0.value.trimmingCharacters(in: .whitespaces)) } ?? 0
        let otherSequence = other.first("SEQUENCE").flatMap { Int($0.value.trimmingCharacters(in: .whitespaces)) } ?? 0
        if sequence != otherSequence { changes.append("SEQUENCE \(sequence) in the file, \(otherSequence) on the server") }
        changes += ComponentFingerprint(component).differences(from: ComponentFingerprint(other))
        var result: [CalendarDifference] = []
        let instances = mine.instances(of: component, overrides: overrides, limit: instanceLimit)
        let otherInstances = theirs.instances(of: other, overrides: otherOverrides, limit: instanceLimit)
        if instances.instances.count != otherInstances.instances.count {
            changes.append("\(Self.count(instances)) in the window in the file, \(Self.count(otherInstances)) on the server")
        } else if let index = instances.instances.indices.first(where: { instances.instances[$0] != otherInstances.instances[$0] }) {
            let (here, there) = (instances.instances[index], otherInstances.instances[index])
            let which = here.start != there.start ? "starts" : "ends"
            let (a, b) = here.start != there.start ? (here.start, there.start) : (here.end, there.end)
            let shifted = zip(instances.instances, otherInstances.instances).filter { $0 != $1 }.count
            result.append(difference(.shifted, component, of: uid, side: mine, detail:
                "\(shifted) of \(instances.instances.count) instances moved; the first \(which) "
                + "\(LocalDateTime.utcFormat(a)) in the file, \(LocalDateTime.utcFormat(b)) on the server "
                + "(\(Self.offset(b - a)))"))
        }
        if !changes.isEmpty {
            result.insert(difference(.changed, component, of: uid, side: mine, detail: changes.joined(separator: "; ")), at: 0)
        }
        return result
    }

    private func difference(_ kind: CalendarDifference.Kind, _ component: Component, of uid: String, side: Side,
                            detail: String) -> CalendarDifference {
        let key = side.key(of: component)
        return CalendarDifference(kind: kind, uid: uid, recurrenceID: key.isEmpty ? nil : key,
                                  line: kind == .unexpected ? 0 : component.line, detail: detail)
    }

    private func overrides(of item: CalendarItem) -> [Component] {
        item.components.filter { $0.first("RECURRENCE-ID") != nil }
    }

    private static func count(_ instances: (instances: [SeriesWindowCheck.Instance], complete: Bool)) -> String {
        let count = instances.instances.count
        return (instances.complete ? "" : "at least ") + "\(count) instance" + (count == 1 ? "" : "s")
    }

    /// `+1h`, `-30min`, `+2d 3h`.
    private static func offset(_ seconds: Int64) -> String {
        let sign = seconds < 0 ? "-" : "+"
        var rest = abs(seconds)
        var parts: [String] = []
        for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("min", 60), ("s", 1)] where rest >= size {
            parts.append("\(rest / size)\(unit)")
            rest %= size
        }
        return sign + (parts.isEmpty ? "0s" : parts.joined(separator: " "))
    }

    /// One calendar as the comparison reads it: its items by UID and its time context.
    private struct Side {
        let items: [String: CalendarItem]
        let check: SeriesWindowCheck

        init(_ calendar: FilteredCalendar, window: DateWindow) {
            items = Dictionary(calendar.items.map { ($0.uid, $0) }) { first, _ in first }
            let resolver = ZoneResolver(timeZones: calendar.timeZones)
            var ignored: [CalendarProblem] = []
            let header = Component(name: "VCALENDAR", properties: calendar.calendarProperties)
            let zone = CalendarFilter(window: window).calendarZones([header], resolver: resolver, problems: &ignored).first ?? .utc
            check = SeriesWindowCheck(window: window, context: TimeContext(resolver: resolver, calendarZone: zone))
        }

        /// "" for a master; the `RECURRENCE-ID` as a UTC instant (`…Z`) or a date (`YYYYMMDD`).
        func key(of component: Component) -> String {
            guard let rid = component.first("RECURRENCE-ID") else { return "" }
            var notes: [String] = []
            guard let time = check.context.resolve(rid, notes: &notes) else { return rid.value }
            return time.value.isDate ? time.value.local.dateFormat : LocalDateTime.utcFormat(time.utc)
        }

        func instances(of component: Component, overrides: [Component], limit: Int)
            -> (instances: [SeriesWindowCheck.Instance], complete: Bool) {
            var notes: [String] = []
            return check.instances(of: component, overrides: overrides, limit: limit, notes: &notes)
        }
    }
}
