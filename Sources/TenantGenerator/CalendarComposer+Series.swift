extension CalendarComposer {
    /// A series master with its EXDATEs, followed by its RECURRENCE-ID overrides.
    ///
    /// Without a pattern this writes the showcase series every calendar starts with: weekly,
    /// 16 times from early March of the epoch's year (so it crosses the US and the EU change
    /// to summer time), one EXDATE, one instance moved to the next day and one moved by an
    /// hour and renamed.
    mutating func writeSeries(uid: String, pattern: RecurrencePattern?) {
        let showcase = pattern == nil
        let zone = use(showcase ? profile.homeZone : useRandomZone())
        let firstDay = showcase ? showcaseStartDay() : randomDay()
        let recurrence = pattern ?? RecurrencePattern(frequency: .weekly(weekdays: [CivilDate.weekday(ofDay: firstDay)], interval: 1), end: .count(16))
        let days = recurrence.occurrenceDays(startingOnOrAfter: firstDay)
        let start = EventTime.zoned(CalendarTime(day: days[0], hour: random.int(in: 9...16), minute: 30 * random.int(in: 0...1)), zone)
        var master = makeDraft(uid: uid, start: start, end: start.adding(seconds: randomDuration()), isMeeting: random.chance(0.85))
        master.rule = recurrence.ruleText(occurrenceDays: days)

        let (excluded, overridden) = showcase ? ([2], [3, 5]) : randomExceptionIndices(occurrences: min(30, days.prefix { $0 - days[0] <= 180 }.count))
        master.exceptions = excluded.map { start.moved(toDay: days[$0]) }
        write(master)
        for (position, index) in overridden.enumerated() {
            let moveToOtherDay = showcase ? position == 0 : random.chance(0.3)
            write(makeOverride(of: master, occurrence: start.moved(toDay: days[index]), moveToOtherDay: moveToOtherDay))
        }
    }

    /// One changed instance: same UID, higher SEQUENCE, moved and/or renamed.
    private mutating func makeOverride(of master: EventDraft, occurrence: EventTime, moveToOtherDay: Bool) -> EventDraft {
        var override = master
        override.rule = nil
        override.exceptions = []
        override.recurrenceID = occurrence
        override.sequence = master.sequence + 1
        override.lastModified = master.lastModified.adding(seconds: random.int(in: 0...(exportTime.seconds - master.lastModified.seconds)))
        let duration = master.end.time.seconds - master.start.time.seconds
        var newStart = occurrence
        if moveToOtherDay {
            newStart = occurrence.adding(seconds: CalendarTime.secondsPerDay * random.pick([1, 1, 2, -1]))
        }
        if !moveToOtherDay || random.chance(0.3) {
            newStart = newStart.adding(seconds: 1800 * random.pick([-2, -1, 1, 2, 3]))
        }
        override.start = newStart
        override.end = newStart.adding(seconds: duration)
        if moveToOtherDay || random.chance(0.5) {
            override.summary = master.summary + random.pick([" (moved)", " (verschoben)", " – déplacé", " – room change"])
        }
        return override
    }

    /// Which of the first `candidates` occurrences get an EXDATE and which an override:
    /// distinct, never the first.
    private mutating func randomExceptionIndices(occurrences candidates: Int) -> (excluded: [Int], overridden: [Int]) {
        guard candidates >= 4 else { return ([], []) }
        var chosen: [Int] = []
        let wanted = min(candidates - 1, random.int(in: 0...2) + random.int(in: 0...2))
        while chosen.count < wanted {
            let index = random.int(in: 1...(candidates - 1))
            if !chosen.contains(index) { chosen.append(index) }
        }
        let split = random.int(in: 0...chosen.count)
        return (Array(chosen[..<split]).sorted(), Array(chosen[split...]).sorted())
    }

    /// A day in the first week of March of the epoch's year.
    private mutating func showcaseStartDay() -> Int {
        let year = CivilDate(daysSince1970: epochDay).year
        return CivilDate(year: year, month: 3, day: 1).daysSince1970 + random.int(in: 0...6)
    }

    /// Weekly: one weekday (sometimes every other week), two weekdays, or Monday to Friday.
    mutating func randomWeeklyPattern() -> RecurrencePattern {
        let roll = random.int(in: 0...99)
        let frequency: RecurrencePattern.Frequency
        if roll < 70 {
            frequency = .weekly(weekdays: [random.int(in: 0...4)], interval: random.chance(0.15) ? 2 : 1)
        } else if roll < 90 {
            frequency = .weekly(weekdays: random.pick([[0, 2], [1, 3], [2, 4]]), interval: 1)
        } else {
            frequency = .weekly(weekdays: [0, 1, 2, 3, 4], interval: 1)
        }
        return RecurrencePattern(frequency: frequency, end: randomEnd(counts: 4...30))
    }

    /// Monthly: on a day of the month, the second Tuesday, the last Friday or the first Monday.
    mutating func randomMonthlyPattern() -> RecurrencePattern {
        let roll = random.int(in: 0...99)
        let frequency: RecurrencePattern.Frequency =
            roll < 40 ? .monthlyOnDay(random.int(in: 1...28))
            : roll < 70 ? .monthlyOnWeekday(ordinal: 2, weekday: 1)
            : roll < 90 ? .monthlyOnWeekday(ordinal: -1, weekday: 4)
            : .monthlyOnWeekday(ordinal: 1, weekday: 0)
        return RecurrencePattern(frequency: frequency, end: randomEnd(counts: 3...14))
    }

    private mutating func randomEnd(counts: ClosedRange<Int>) -> RecurrencePattern.End {
        let roll = random.int(in: 0...99)
        if roll < 35 { return .count(random.int(in: counts)) }
        if roll < 70 { return .untilOccurrence(random.int(in: counts) - 1) }
        return .never
    }
}
