extension SeriesWindowCheck {
    /// The moves made by `RANGE=THISANDFUTURE` overrides (RFC 5545 3.8.4.4 and 3.2.13): from
    /// each one's `RECURRENCE-ID` on, the master's instances start `offset` seconds later (the
    /// override's start minus its `RECURRENCE-ID`) and last as long as the override, until a
    /// later such override takes over.
    struct RangeShifts {
        struct Shift {
            var from: Int64
            var offset: Int64
            /// The override's own length in seconds, `nil` when it states none (the master's applies).
            var duration: Int64?
        }

        /// Sorted by `from`.
        var shifts: [Shift] = []

        /// How far any instance moves later, and earlier (both ≥ 0): the margins expansion needs.
        var forward: Int64 { max(0, shifts.map(\.offset).max() ?? 0) }
        var backward: Int64 { max(0, -(shifts.map(\.offset).min() ?? 0)) }

        /// The UTC start and end of the instance originally at `[begin, end)`.
        func moved(begin: Int64, end: Int64) -> (start: Int64, end: Int64) {
            guard let shift = shifts.last(where: { $0.from <= begin }) else { return (begin, end) }
            let start = begin + shift.offset
            return (start, start + (shift.duration ?? (end - begin)))
        }
    }

    /// The shifts of the `RANGE=THISANDFUTURE` overrides among `overrides`.
    func rangeShifts(_ overrides: [Component], notes: inout [String]) -> RangeShifts {
        var result = RangeShifts()
        for override in overrides {
            guard let rid = override.first("RECURRENCE-ID"), rid.parameter("RANGE")?.uppercased() == "THISANDFUTURE",
                  let original = context.resolve(rid, notes: &notes),
                  let span = span(of: override, notes: &notes) else { continue }
            let statesLength = ["DTEND", "DURATION", "DUE"].contains { override.first($0) != nil }
            let start = span.start.utc
            let duration = statesLength ? end(of: span, startingAt: span.start.value.local, utc: start) - start : nil
            result.shifts.append(.init(from: original.utc, offset: start - original.utc, duration: duration))
        }
        result.shifts.sort { $0.from < $1.from }
        return result
    }

    /// The UTC start and end of the instance of `span` starting at local `start`, moved by `shifts`.
    func instance(of span: Span, at start: LocalDateTime, shifts: RangeShifts) -> (start: Int64, end: Int64) {
        let begin = span.start.zone.utc(from: start)
        return shifts.moved(begin: begin, end: end(of: span, startingAt: start, utc: begin))
    }
}
