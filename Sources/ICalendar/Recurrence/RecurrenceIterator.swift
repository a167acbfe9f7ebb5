/// Lazily expands a ``RecurrenceRule`` from its `DTSTART` in local (wall-clock) time, in
/// ascending order: `DTSTART` itself first (it always counts as the first instance), then the
/// rule's instances after it, honouring `COUNT` and `UNTIL`.
///
/// Each period of the rule's frequency (a year, month, week, day, hour, minute or second,
/// stepped by `INTERVAL`) is expanded to its candidate days and times, limited by the `BY…`
/// parts, then cut by `BYSETPOS`. Expansion stops at `stopAfter`, and after
/// ``maximumPeriods`` periods or ``maximumEmptyPeriods`` periods in a row without a candidate
/// (``hitIterationCap`` then tells the caller the answer is incomplete).
struct RecurrenceIterator {
    static let maximumPeriods = 500_000
    static let maximumEmptyPeriods = 50_000

    let rule: RecurrenceRule
    let start: LocalDateTime
    let isDate: Bool
    private let stopAfter: LocalDateTime?
    private let untilLimit: LocalDateTime?
    private let untilUTC: Int64?
    private let localToUTC: (LocalDateTime) -> Int64
    let times: [Int]
    private var periodIndex = 0
    private var buffer: [LocalDateTime] = []
    private var bufferPosition = 0
    private var emitted = 0
    private var startEmitted = false
    private var finished = false
    private var periodsExamined = 0
    private var emptyPeriodsInARow = 0
    /// Whether expansion stopped at an iteration cap rather than at the rule's end or `stopAfter`.
    private(set) var hitIterationCap = false

    /// - Parameters:
    ///   - localToUTC: converts a local instance to UTC, used for a UTC `UNTIL`.
    ///   - stopAfter: no instance after this local time is needed.
    init(rule: RecurrenceRule, start: LocalDateTime, isDate: Bool, stopAfter: LocalDateTime?,
         localToUTC: @escaping (LocalDateTime) -> Int64) {
        var start = start
        if isDate { start.hour = 0; start.minute = 0; start.second = 0 }
        self.rule = RecurrenceIterator.withDefaults(rule, start: start)
        self.start = start
        self.isDate = isDate
        self.stopAfter = stopAfter
        self.localToUTC = localToUTC
        (untilLimit, untilUTC) = RecurrenceIterator.untilBounds(rule.until, isDate: isDate)
        times = isDate ? [0] : RecurrenceIterator.timesOfDay(self.rule)
    }

    /// The next instance in ascending local order, or `nil` at the end.
    mutating func next() -> LocalDateTime? {
        if !startEmitted {
            startEmitted = true
            emitted = 1
            return start
        }
        while !finished {
            if let count = rule.count, emitted >= max(count, 1) { break }
            if bufferPosition < buffer.count {
                let candidate = buffer[bufferPosition]
                bufferPosition += 1
                if candidate <= start { continue }
                if isAfterUntil(candidate) { break }
                emitted += 1
                return candidate
            }
            refill()
        }
        finished = true
        return nil
    }

    /// Moves expansion forward to the period containing `target` (only for rules without
    /// `COUNT`, where skipping periods cannot change which instances exist).
    mutating func skip(toward target: LocalDateTime) {
        guard rule.count == nil, target > start else { return }
        let k = periodIndex(containing: target)
        if k > periodIndex {
            periodIndex = k
            buffer.removeAll(keepingCapacity: true)
            bufferPosition = 0
        }
    }

    private func isAfterUntil(_ candidate: LocalDateTime) -> Bool {
        if let untilLimit, candidate > untilLimit { return true }
        if let untilUTC, localToUTC(candidate) > untilUTC { return true }
        return false
    }

    /// Expands the next period into `buffer`, or finishes.
    private mutating func refill() {
        buffer.removeAll(keepingCapacity: true)
        bufferPosition = 0
        if periodsExamined >= RecurrenceIterator.maximumPeriods
            || emptyPeriodsInARow >= RecurrenceIterator.maximumEmptyPeriods {
            hitIterationCap = true
            finished = true
            return
        }
        let periodStart = self.periodStart(periodIndex)
        if let stopAfter, periodStart > stopAfter { finished = true; return }
        if let untilLimit, periodStart > untilLimit { finished = true; return }
        if periodStart.year > 9999 { finished = true; return }
        periodsExamined += 1
        expandPeriod(periodIndex, into: &buffer)
        emptyPeriodsInARow = buffer.isEmpty ? emptyPeriodsInARow + 1 : 0
        periodIndex = nextPeriodIndex(after: periodIndex, emptyDay: buffer.isEmpty)
        if !rule.bySetPos.isEmpty { applySetPositions() }
    }

    private mutating func applySetPositions() {
        let all = buffer
        var picked: [LocalDateTime] = []
        for position in rule.bySetPos {
            let index = position > 0 ? position - 1 : all.count + position
            if index >= 0, index < all.count { picked.append(all[index]) }
        }
        picked.sort()
        buffer = picked.enumerated().filter { $0.offset == 0 || picked[$0.offset - 1] != $0.element }.map(\.element)
    }
}

extension RecurrenceIterator {
    /// The rule with the parts RFC 5545 derives from `DTSTART` when absent.
    static func withDefaults(_ rule: RecurrenceRule, start: LocalDateTime) -> RecurrenceRule {
        var rule = rule
        if rule.byWeekNo.isEmpty, rule.byYearDay.isEmpty, rule.byMonthDay.isEmpty, rule.byDay.isEmpty {
            switch rule.frequency {
            case .yearly:
                if rule.byMonth.isEmpty { rule.byMonth = [start.month] }
                rule.byMonthDay = [start.day]
            case .monthly: rule.byMonthDay = [start.day]
            case .weekly: rule.byDay = [.init(ordinal: 0, weekday: start.weekday)]
            default: break
            }
        }
        if rule.frequency > .hourly, rule.byHour.isEmpty { rule.byHour = [start.hour] }
        if rule.frequency > .minutely, rule.byMinute.isEmpty { rule.byMinute = [start.minute] }
        if rule.frequency > .secondly, rule.bySecond.isEmpty { rule.bySecond = [start.second] }
        rule.byMonth.sort()
        return rule
    }

    /// The seconds-of-day of instances for frequencies of a day and coarser (sorted).
    static func timesOfDay(_ rule: RecurrenceRule) -> [Int] {
        guard rule.frequency >= .daily else { return [] }
        var result: [Int] = []
        for h in rule.byHour { for m in rule.byMinute { for s in rule.bySecond { result.append(h * 3600 + m * 60 + min(s, 59)) } } }
        return Array(Set(result)).sorted()
    }

    /// `UNTIL` as a local limit (DATE or floating) or a UTC limit.
    static func untilBounds(_ until: DateTimeValue?, isDate: Bool) -> (LocalDateTime?, Int64?) {
        guard let until else { return (nil, nil) }
        if until.isDate {
            var end = until.local
            end.hour = 23; end.minute = 59; end.second = 59
            return (end, nil)
        }
        if isDate {
            var end = until.local
            end.hour = 23; end.minute = 59; end.second = 59
            return (end, nil)
        }
        return until.isUTC ? (nil, until.local.secondsAsUTC) : (until.local, nil)
    }
}
