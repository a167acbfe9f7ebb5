/// The offset rules of one `VTIMEZONE`: its `STANDARD` and `DAYLIGHT` observances, each
/// with an onset (`DTSTART`), `TZOFFSETFROM`/`TZOFFSETTO`, and further onsets from `RRULE`s
/// and `RDATE`s. Transitions are computed per year on demand and cached.
final class VTimeZoneRules {
    /// One `STANDARD` or `DAYLIGHT` sub-component.
    struct Observance {
        var start: LocalDateTime
        var offsetFrom: Int
        var offsetTo: Int
        var rules: [RecurrenceRule]
        /// Onsets listed explicitly (`RDATE`s, and every onset of a rule with `COUNT`), local.
        var extraOnsets: [LocalDateTime]
    }

    /// A change of offset at a UTC instant.
    struct Transition {
        var utc: Int64
        var offset: Int
    }

    let tzid: String
    private let observances: [Observance]
    private let firstYear: Int
    private let initialOffset: Int
    private var transitionsByYear: [Int: [Transition]] = [:]
    private var latestByYear: [Int: Transition?] = [:]

    /// Compiles a `VTIMEZONE`; returns `nil` when it has no usable observance.
    init?(_ component: Component) {
        tzid = component.first("TZID")?.value ?? ""
        let observances = component.components.compactMap(VTimeZoneRules.observance)
        guard let earliest = observances.min(by: { $0.start < $1.start }) else { return nil }
        self.observances = observances
        firstYear = earliest.start.year
        initialOffset = earliest.offsetFrom
    }

    /// The offset in force at `utc`.
    func offset(atUTC utc: Int64) -> Int {
        let year = LocalDateTime(secondsAsUTC: utc).year
        for candidateYear in [year + 1, year, year - 1] {
            if let hit = transitions(in: candidateYear).last(where: { $0.utc <= utc }) { return hit.offset }
        }
        return latestTransition(upToYear: year - 2)?.offset ?? initialOffset
    }

    /// The last transition whose local onset is in `year` or earlier (memoized).
    private func latestTransition(upToYear year: Int) -> Transition? {
        if year < firstYear - 1 { return nil }
        if let cached = latestByYear[year] { return cached }
        var pending: [Int] = []
        var found: Transition?
        var current = year
        while current >= firstYear - 1 {
            if let cached = latestByYear[current] { found = cached; break }
            if let last = transitions(in: current).last { found = last; pending.append(current); break }
            pending.append(current)
            current -= 1
        }
        for pendingYear in pending { latestByYear[pendingYear] = found }
        return found
    }

    /// All transitions whose local onset falls in `year`, sorted by instant.
    private func transitions(in year: Int) -> [Transition] {
        if let cached = transitionsByYear[year] { return cached }
        var result: [Transition] = []
        for observance in observances {
            for onset in VTimeZoneRules.onsets(of: observance, in: year) {
                result.append(Transition(utc: onset.secondsAsUTC - Int64(observance.offsetFrom), offset: observance.offsetTo))
            }
        }
        result.sort { $0.utc < $1.utc }
        transitionsByYear[year] = result
        return result
    }

    /// The local onsets of `observance` in `year`.
    private static func onsets(of observance: Observance, in year: Int) -> [LocalDateTime] {
        guard year >= observance.start.year else { return [] }
        var result = observance.extraOnsets.filter { $0.year == year }
        if observance.start.year == year { result.append(observance.start) }
        for rule in observance.rules {
            var iterator = RecurrenceIterator(rule: rule, start: observance.start, isDate: false,
                                              stopAfter: LocalDateTime(year: year, month: 12, day: 31, hour: 23, minute: 59, second: 59),
                                              localToUTC: { $0.secondsAsUTC - Int64(observance.offsetFrom) })
            iterator.skip(toward: LocalDateTime(year: year, month: 1, day: 1))
            while let onset = iterator.next(), onset.year <= year {
                if onset.year == year { result.append(onset) }
            }
        }
        return result
    }

    private static func observance(_ component: Component) -> Observance? {
        guard component.name == "STANDARD" || component.name == "DAYLIGHT",
              let to = component.first("TZOFFSETTO").flatMap({ utcOffset($0.value) }),
              let start = component.first("DTSTART").flatMap({ DateTimeValue.parse($0.value) })
        else { return nil }
        let from = component.first("TZOFFSETFROM").flatMap { utcOffset($0.value) } ?? to
        var rules: [RecurrenceRule] = []
        var extra: [LocalDateTime] = []
        for property in component.all("RRULE") {
            guard let rule = RecurrenceRule.parse(property.value).rule else { continue }
            if rule.count != nil {
                extra.append(contentsOf: allOnsets(rule, start: start.local, offsetFrom: from))
            } else {
                rules.append(rule)
            }
        }
        for property in component.all("RDATE") {
            for item in property.value.split(separator: ",") {
                guard let value = DateTimeValue.parse(String(item.split(separator: "/").first ?? item)) else { continue }
                extra.append(value.isUTC ? LocalDateTime(secondsAsUTC: value.local.secondsAsUTC + Int64(from)) : value.local)
            }
        }
        return Observance(start: start.local, offsetFrom: from, offsetTo: to, rules: rules, extraOnsets: extra)
    }

    /// Every onset of a rule that ends by `COUNT`.
    private static func allOnsets(_ rule: RecurrenceRule, start: LocalDateTime, offsetFrom: Int) -> [LocalDateTime] {
        var iterator = RecurrenceIterator(rule: rule, start: start, isDate: false, stopAfter: nil,
                                          localToUTC: { $0.secondsAsUTC - Int64(offsetFrom) })
        var result: [LocalDateTime] = []
        while result.count < 2000, let onset = iterator.next() { result.append(onset) }
        return result
    }

    /// Reads a UTC offset `±HHMM` or `±HHMMSS` (also `±HH:MM`) into seconds.
    static func utcOffset(_ text: String) -> Int? {
        var bytes = Array(text.utf8.filter { $0 != UInt8(ascii: ":") && $0 != 0x20 })
        guard let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        bytes.removeFirst()
        guard bytes.count == 4 || bytes.count == 6 || bytes.count == 2, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let digits = bytes.map { Int($0 - 0x30) }
        let hours = digits[0] * 10 + digits[1]
        let minutes = digits.count >= 4 ? digits[2] * 10 + digits[3] : 0
        let seconds = digits.count == 6 ? digits[4] * 10 + digits[5] : 0
        guard hours < 24, minutes < 60, seconds < 60 else { return nil }
        let total = hours * 3600 + minutes * 60 + seconds
        return sign == UInt8(ascii: "-") ? -total : total
    }
}
