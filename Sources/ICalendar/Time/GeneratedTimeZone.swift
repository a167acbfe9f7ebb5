import Foundation

/// A `VTIMEZONE` written from the system's time-zone database (Foundation `TimeZone`), for a
/// `TZID` the file names but does not define.
///
/// Every offset change from January 1 of `fromYear` through the end of ``horizonYear`` is
/// listed exactly: changes that recur on the same rule in consecutive years (same month, time
/// of day, weekday and week of the month, same offsets) become one yearly `RRULE` (bounded by
/// `UNTIL` when the rule ends), the others `RDATE`s. A rule still in force at the horizon is
/// left open, so later years follow it as the system database does. The offset in force on
/// January 1 of `fromYear` is the first observance. Read back with ``VTimeZoneRules``, the
/// component gives the same offset as the system zone at every instant from `fromYear` on.
enum GeneratedTimeZone {
    /// The last year whose transitions are read from the system database one by one.
    static let horizonYear = 2040

    /// One offset change: its UTC instant, local onset (in the offset before it) and offsets.
    private struct Change {
        var onset: LocalDateTime
        var utc: Int64
        var from: Int
        var to: Int
        var isDaylight: Bool
    }

    /// What consecutive yearly changes must share to be written as one rule.
    private struct RuleKey: Hashable {
        var from: Int, to: Int, isDaylight: Bool, month: Int, secondOfDay: Int, weekday: Int
    }

    /// Consecutive yearly changes on one rule; `ordinals` are the `BYDAY` week numbers all share.
    private struct Run {
        var key: RuleKey
        var changes: [Change]
        var ordinals: Set<Int>
    }

    /// The `VTIMEZONE` called `tzid` with `zone`'s offsets from `fromYear` on.
    static func component(tzid: String, zone: TimeZone, fromYear: Int) -> Component {
        let firstYear = min(max(fromYear, 1900), horizonYear)
        let start = LocalDateTime(year: firstYear, month: 1, day: 1).secondsAsUTC
        let initial = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(start)))
        let changes = self.changes(of: zone, from: start, initialOffset: initial)
        var observances = [observance(isDaylight: zone.isDaylightSavingTime(for: Date(timeIntervalSince1970: Double(start))),
                                      start: LocalDateTime(year: firstYear, month: 1, day: 1), from: initial, to: initial)]
        var singles: [Change] = []
        for run in runs(changes) {
            let isOpen = run.changes.last!.onset.year == horizonYear
            if run.changes.count < 2 && !isOpen {
                singles += run.changes
                continue
            }
            observances.append(ruleObservance(run, isOpen: isOpen))
        }
        let singleGroups = Dictionary(grouping: singles) { [$0.from, $0.to, $0.isDaylight ? 1 : 0] }
        for group in singleGroups.values {
            let sorted = group.sorted { $0.utc < $1.utc }
            var component = observance(isDaylight: sorted[0].isDaylight, start: sorted[0].onset, from: sorted[0].from, to: sorted[0].to)
            if sorted.count > 1 {
                component.properties.append(Property(name: "RDATE", value: sorted.dropFirst().map(\.onset.basicFormat).joined(separator: ",")))
            }
            observances.append(component)
        }
        observances.sort { ($0.first("DTSTART")?.value ?? "") < ($1.first("DTSTART")?.value ?? "") }
        return Component(name: "VTIMEZONE", properties: [Property(name: "TZID", value: tzid)], components: observances)
    }

    /// Every change of UTC offset from `start` through the end of the horizon year.
    private static func changes(of zone: TimeZone, from start: Int64, initialOffset: Int) -> [Change] {
        let end = Double(LocalDateTime(year: horizonYear + 1, month: 1, day: 1).secondsAsUTC)
        var result: [Change] = []
        var cursor = Date(timeIntervalSince1970: Double(start))
        var previous = initialOffset
        while result.count < 2_000, let next = zone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < end {
            let offset = zone.secondsFromGMT(for: next)
            let utc = Int64(next.timeIntervalSince1970.rounded())
            if offset != previous {
                result.append(Change(onset: LocalDateTime(secondsAsUTC: utc + Int64(previous)), utc: utc, from: previous,
                                     to: offset, isDaylight: zone.isDaylightSavingTime(for: next)))
            }
            previous = offset
            cursor = next
        }
        return result
    }

    /// Groups changes into runs of consecutive years on one rule, in order of their first change.
    private static func runs(_ changes: [Change]) -> [Run] {
        var open: [RuleKey: Run] = [:]
        var finished: [Run] = []
        for change in changes {
            let key = RuleKey(from: change.from, to: change.to, isDaylight: change.isDaylight, month: change.onset.month,
                              secondOfDay: change.onset.secondOfDay, weekday: change.onset.weekday)
            let ordinals = self.ordinals(change.onset)
            if var run = open[key], run.changes.last!.onset.year == change.onset.year - 1,
               !run.ordinals.intersection(ordinals).isEmpty {
                run.changes.append(change)
                run.ordinals.formIntersection(ordinals)
                open[key] = run
                continue
            }
            if let run = open[key] { finished.append(run) }
            open[key] = Run(key: key, changes: [change], ordinals: ordinals)
        }
        return (finished + open.values).sorted { $0.changes[0].utc < $1.changes[0].utc }
    }

    /// The `BYDAY` week numbers that name the onset's day: its week of the month, and `-1`
    /// when it is the month's last such weekday.
    private static func ordinals(_ onset: LocalDateTime) -> Set<Int> {
        var result: Set<Int> = [(onset.day - 1) / 7 + 1]
        if onset.day + 7 > LocalDateTime.daysInMonth(year: onset.year, month: onset.month) { result.insert(-1) }
        return result
    }

    private static func ruleObservance(_ run: Run, isOpen: Bool) -> Component {
        let first = run.changes[0]
        let weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        let ordinal = run.ordinals.contains(-1) ? -1 : run.ordinals.min()!
        var rule = "FREQ=YEARLY;BYMONTH=\(run.key.month);BYDAY=\(ordinal)\(weekdays[run.key.weekday])"
        if !isOpen { rule += ";UNTIL=" + LocalDateTime.utcFormat(run.changes.last!.utc) }
        var component = observance(isDaylight: first.isDaylight, start: first.onset, from: first.from, to: first.to)
        component.properties.append(Property(name: "RRULE", value: rule))
        return component
    }

    private static func observance(isDaylight: Bool, start: LocalDateTime, from: Int, to: Int) -> Component {
        Component(name: isDaylight ? "DAYLIGHT" : "STANDARD", properties: [
            Property(name: "DTSTART", value: start.basicFormat),
            Property(name: "TZOFFSETFROM", value: offsetText(from)),
            Property(name: "TZOFFSETTO", value: offsetText(to)),
        ])
    }

    /// `±HHMM`, or `±HHMMSS` when the offset has seconds.
    static func offsetText(_ seconds: Int) -> String {
        let magnitude = abs(seconds)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var text = (seconds < 0 ? "-" : "+") + two(magnitude / 3600) + two(magnitude / 60 % 60)
        if magnitude % 60 != 0 { text += two(magnitude % 60) }
        return text
    }
}
