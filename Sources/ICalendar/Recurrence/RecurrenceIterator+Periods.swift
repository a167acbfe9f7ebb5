extension RecurrenceIterator {
    /// Seconds in one period of a sub-daily frequency.
    private var unitSeconds: Int64 {
        switch rule.frequency {
        case .hourly: return 3600
        case .minutely: return 60
        default: return 1
        }
    }

    /// The first day of the week that holds `DTSTART` (weeks start on `WKST`).
    private var firstWeekStart: Int {
        start.dayNumber - (start.weekday - rule.weekStart + 7) % 7
    }

    /// The first second of the first sub-daily period.
    private var firstUnitStart: Int64 {
        let seconds = start.secondsAsUTC
        return seconds - (seconds - seconds.floorDiv(unitSeconds) * unitSeconds)
    }

    /// The local time at which period `k` begins.
    func periodStart(_ k: Int) -> LocalDateTime {
        let step = k * rule.interval
        switch rule.frequency {
        case .yearly: return LocalDateTime(year: start.year + step, month: 1, day: 1)
        case .monthly:
            let months = start.year * 12 + start.month - 1 + step
            return LocalDateTime(year: months.floorDivided(by: 12), month: months - months.floorDivided(by: 12) * 12 + 1, day: 1)
        case .weekly: return LocalDateTime(dayNumber: firstWeekStart + 7 * step, secondOfDay: 0)
        case .daily: return LocalDateTime(dayNumber: start.dayNumber + step, secondOfDay: 0)
        default: return LocalDateTime(secondsAsUTC: firstUnitStart + Int64(step) * unitSeconds)
        }
    }

    /// The index of the period holding `target` (rounded down to a whole interval).
    func periodIndex(containing target: LocalDateTime) -> Int {
        let units: Int
        switch rule.frequency {
        case .yearly: units = target.year - start.year
        case .monthly: units = (target.year * 12 + target.month) - (start.year * 12 + start.month)
        case .weekly: units = (target.dayNumber - firstWeekStart).floorDivided(by: 7)
        case .daily: units = target.dayNumber - start.dayNumber
        default: units = Int((target.secondsAsUTC - firstUnitStart).floorDiv(unitSeconds))
        }
        return max(0, units.floorDivided(by: rule.interval))
    }

    /// The period after `k`; for a sub-daily rule whose day held nothing, the first period of
    /// the next day.
    func nextPeriodIndex(after k: Int, emptyDay: Bool) -> Int {
        guard rule.frequency < .daily, emptyDay else { return k + 1 }
        let begin = periodStart(k)
        guard !dayMatches(begin.dayNumber) else { return k + 1 }
        let nextDay = Int64(begin.dayNumber + 1) * 86_400
        let step = Int64(rule.interval) * unitSeconds
        let needed = (nextDay - firstUnitStart + step - 1).floorDiv(step)
        return max(k + 1, Int(needed))
    }

    /// Appends the candidates of period `k`, sorted, to `buffer`.
    func expandPeriod(_ k: Int, into buffer: inout [LocalDateTime]) {
        let begin = periodStart(k)
        switch rule.frequency {
        case .yearly: expandDays(yearDays(begin.year), into: &buffer)
        case .monthly:
            let first = begin.dayNumber
            let length = LocalDateTime.daysInMonth(year: begin.year, month: begin.month)
            expandDays(first..<(first + length), into: &buffer)
        case .weekly: expandDays(begin.dayNumber..<(begin.dayNumber + 7), into: &buffer)
        case .daily: expandDays(begin.dayNumber..<(begin.dayNumber + 1), into: &buffer)
        default: expandSubDaily(begin, into: &buffer)
        }
    }

    /// The day ranges of `year` to look at (only the `BYMONTH` months when given).
    private func yearDays(_ year: Int) -> [Range<Int>] {
        guard !rule.byMonth.isEmpty else {
            let first = LocalDateTime.days(year: year, month: 1, day: 1)
            return [first..<(first + LocalDateTime.daysInYear(year))]
        }
        return rule.byMonth.map { month in
            let first = LocalDateTime.days(year: year, month: month, day: 1)
            return first..<(first + LocalDateTime.daysInMonth(year: year, month: month))
        }
    }

    private func expandDays(_ ranges: [Range<Int>], into buffer: inout [LocalDateTime]) {
        for range in ranges { expandDays(range, into: &buffer) }
    }

    private func expandDays(_ days: Range<Int>, into buffer: inout [LocalDateTime]) {
        for day in days where dayMatches(day) {
            for time in times { buffer.append(LocalDateTime(dayNumber: day, secondOfDay: time)) }
        }
    }

    /// One hour, minute or second: the candidates inside it that pass every `BY…` filter.
    private func expandSubDaily(_ begin: LocalDateTime, into buffer: inout [LocalDateTime]) {
        guard dayMatches(begin.dayNumber) else { return }
        if !rule.byHour.isEmpty, !rule.byHour.contains(begin.hour) { return }
        let minutes: [Int]
        if rule.frequency == .hourly {
            minutes = rule.byMinute.sorted()
        } else {
            if !rule.byMinute.isEmpty, !rule.byMinute.contains(begin.minute) { return }
            minutes = [begin.minute]
        }
        let seconds: [Int]
        if rule.frequency == .secondly {
            if !rule.bySecond.isEmpty, !rule.bySecond.contains(begin.second) { return }
            seconds = [begin.second]
        } else {
            seconds = rule.bySecond.sorted()
        }
        if isDate { buffer.append(LocalDateTime(dayNumber: begin.dayNumber, secondOfDay: 0)); return }
        for minute in minutes {
            for second in seconds {
                buffer.append(LocalDateTime(dayNumber: begin.dayNumber,
                                            secondOfDay: begin.hour * 3600 + minute * 60 + min(second, 59)))
            }
        }
    }
}

extension Int {
    /// Division rounding toward negative infinity.
    func floorDivided(by divisor: Int) -> Int {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
