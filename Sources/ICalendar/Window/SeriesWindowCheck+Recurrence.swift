import Foundation

extension SeriesWindowCheck {
    /// Instants and days an instance must not start at: `EXDATE`s and the slots taken by
    /// overrides (a `RANGE=THISANDFUTURE` override moves its slot and later ones instead: see `RangeShifts`).
    struct Exclusions {
        var instants: Set<Int64> = []
        var days: Set<Int> = []

        func contains(_ local: LocalDateTime, utc: Int64, isDate: Bool) -> Bool {
            days.contains(local.dayNumber) || (!isDate && instants.contains(utc))
        }
    }

    /// How a walk over a master's instances ended.
    enum WalkEnd {
        /// Every instance that can overlap the window was visited.
        case exhausted
        /// The visitor asked to stop.
        case stopped
        /// The instances cannot be known (unreadable rule, iteration cap, or an unbounded rule
        /// and no upper bound when `expandsUnboundedRules` is false); a note says which.
        case undecidable
    }

    /// Whether any instance of the master (its `DTSTART`, `RRULE`s and `RDATE`s, less
    /// `EXDATE`s and overridden slots) overlaps the window.
    func masterOverlaps(_ master: Component, span: Span, overrides: [Component], notes: inout [String]) -> Bool {
        let end = walkInstances(of: master, span: span, overrides: overrides, expandsUnboundedRules: false, notes: &notes) {
            window.overlaps(start: Double($0), end: Double($1))
        }
        return end != .exhausted
    }

    /// Calls `visit` with the UTC start and end of each instance of `master` that can overlap
    /// the window — its `RDATE`s, then each `RRULE`'s instances (or its `DTSTART` when it has
    /// no rule), less `EXDATE`s and overridden slots, moved by `RANGE=THISANDFUTURE`
    /// overrides — until `visit` answers true. Rules are expanded lazily from near the
    /// window's start to its end; an unbounded rule with no upper bound is expanded only when
    /// `expandsUnboundedRules` (until the visitor stops or the iteration cap).
    func walkInstances(of master: Component, span: Span, overrides: [Component], expandsUnboundedRules: Bool,
                       notes: inout [String], _ visit: (Int64, Int64) -> Bool) -> WalkEnd {
        let exclusions = self.exclusions(master, overrides: overrides, isDate: span.start.value.isDate, notes: &notes)
        let shifts = rangeShifts(overrides, notes: &notes)
        if walkRDates(master, span: span, exclusions: exclusions, shifts: shifts, notes: &notes, visit) { return .stopped }
        let rules = master.all("RRULE").filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
        if rules.count < master.all("RRULE").count { notes.append("empty RRULE ignored (read as no rule)") }
        guard !rules.isEmpty else {
            let start = span.start.value.local
            guard !exclusions.contains(start, utc: span.start.utc, isDate: span.start.value.isDate) else { return .exhausted }
            let instance = self.instance(of: span, at: start, shifts: shifts)
            return visit(instance.start, instance.end) ? .stopped : .exhausted
        }
        for property in rules {
            let (rule, ruleNotes) = RecurrenceRule.parse(property.value)
            notes.append(contentsOf: ruleNotes)
            guard let rule else {
                notes.append("unreadable RRULE; series kept whatever the window")
                return .undecidable
            }
            if !rule.isBounded, window.to == nil, !expandsUnboundedRules { return .undecidable }
            let end = walkRule(rule, span: span, exclusions: exclusions, shifts: shifts, notes: &notes, visit)
            if end != .exhausted { return end }
        }
        return .exhausted
    }

    /// Expands one rule lazily, visiting its instances.
    private func walkRule(_ rule: RecurrenceRule, span: Span, exclusions: Exclusions, shifts: RangeShifts,
                          notes: inout [String], _ visit: (Int64, Int64) -> Bool) -> WalkEnd {
        let margin: Int64 = 2 * 86_400
        let zone = span.start.zone
        let upper = window.to.map { Int64($0.timeIntervalSince1970.rounded(.up)) + margin + shifts.backward }
        var iterator = RecurrenceIterator(rule: rule, start: span.start.value.local, isDate: span.start.value.isDate,
                                          stopAfter: upper.map { LocalDateTime(secondsAsUTC: $0) },
                                          localToUTC: { zone.utc(from: $0) })
        if let from = window.from {
            let length = Int64(span.days) * 86_400 + span.seconds
            iterator.skip(toward: LocalDateTime(secondsAsUTC: Int64(from.timeIntervalSince1970) - length - margin - shifts.forward))
        }
        while let local = iterator.next() {
            let begin = zone.utc(from: local)
            if let upper, begin >= upper { return .exhausted }
            if exclusions.contains(local, utc: begin, isDate: span.start.value.isDate) { continue }
            let instance = self.instance(of: span, at: local, shifts: shifts)
            if visit(instance.start, instance.end) { return .stopped }
        }
        if iterator.hitIterationCap {
            notes.append("recurrence expansion stopped at its iteration cap; series kept whatever the window")
            return .undecidable
        }
        return .exhausted
    }

    /// Visits each `RDATE` instance (date, date-time or period); true when the visitor stopped.
    private func walkRDates(_ master: Component, span: Span, exclusions: Exclusions, shifts: RangeShifts,
                            notes: inout [String], _ visit: (Int64, Int64) -> Bool) -> Bool {
        for property in master.all("RDATE") {
            for item in property.value.split(separator: ",") {
                let parts = item.split(separator: "/", maxSplits: 1)
                guard let first = parts.first,
                      let start = context.resolve(text: String(first), of: property, notes: &notes) else { continue }
                if exclusions.contains(start.value.local, utc: start.utc, isDate: start.value.isDate) { continue }
                var rdateSpan = Span(start: start, days: span.days, seconds: span.seconds)
                if start.value.isDate != span.start.value.isDate {
                    rdateSpan.days = start.value.isDate ? 1 : 0
                    rdateSpan.seconds = start.value.isDate ? 0 : span.seconds
                }
                if parts.count == 2 { rdateSpan = periodSpan(start, String(parts[1]), of: property, notes: &notes) ?? rdateSpan }
                let instance = self.instance(of: rdateSpan, at: start.value.local, shifts: shifts)
                if visit(instance.start, instance.end) { return true }
            }
        }
        return false
    }

    /// The span of an `RDATE` period `start/end` or `start/duration`.
    private func periodSpan(_ start: TimeContext.ResolvedTime, _ second: String, of property: Property,
                            notes: inout [String]) -> Span? {
        if let duration = ICalDuration.parse(second) {
            return Span(start: start, days: max(0, duration.days), seconds: Int64(max(0, duration.seconds)))
        }
        guard let end = context.resolve(text: second, of: property, notes: &notes) else { return nil }
        return Span(start: start, days: 0, seconds: max(0, end.utc - start.utc))
    }

    /// The `EXDATE`s of the master and the `RECURRENCE-ID`s of its overrides.
    private func exclusions(_ master: Component, overrides: [Component], isDate: Bool, notes: inout [String]) -> Exclusions {
        var result = Exclusions()
        var properties = master.all("EXDATE")
        for override in overrides {
            guard let rid = override.first("RECURRENCE-ID"),
                  rid.parameter("RANGE")?.uppercased() != "THISANDFUTURE" else { continue }
            properties.append(rid)
        }
        for property in properties {
            for item in property.value.split(separator: ",") {
                guard let time = context.resolve(text: String(item), of: property, notes: &notes) else { continue }
                if isDate || time.value.isDate {
                    result.days.insert(time.value.local.dayNumber)
                } else {
                    result.instants.insert(time.utc)
                }
            }
        }
        return result
    }
}
