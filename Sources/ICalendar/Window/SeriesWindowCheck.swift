/// Decides whether a series (master and `RECURRENCE-ID` overrides, or a lone override) has an
/// instance overlapping the window. Expansion is lazy: it starts near the window's start,
/// stops at its end, and stops at the first overlapping instance. Whatever cannot be judged
/// (no readable start, unreadable rule, iteration cap) is kept, with a note.
struct SeriesWindowCheck {
    let window: DateWindow
    let context: TimeContext

    /// A component's own time span: its start and its length (nominal days plus exact seconds).
    struct Span {
        var start: TimeContext.ResolvedTime
        var days: Int
        var seconds: Int64
    }

    /// The decision and the notes (warnings) gathered on the way, per component.
    struct Verdict {
        var keep = false
        var notes: [(component: Component, note: String)] = []
    }

    /// Judges a series; `master` is `nil` when only overrides are present.
    func judge(master: Component?, overrides: [Component]) -> Verdict {
        var verdict = Verdict()
        var masterSpan: Span?
        if let master {
            masterSpan = noting(master, into: &verdict) { span(of: master, notes: &$0) }
        }
        for override in overrides {
            let overlaps = noting(override, into: &verdict) { notes in
                overrideOverlaps(override, masterSpan: masterSpan, notes: &notes)
            }
            if overlaps { verdict.keep = true; return verdict }
        }
        if let master {
            verdict.keep = noting(master, into: &verdict) { notes in
                guard let masterSpan else { return true }
                return masterOverlaps(master, span: masterSpan, overrides: overrides, notes: &notes)
            }
        }
        return verdict
    }

    private func noting<T>(_ component: Component, into verdict: inout Verdict, _ body: (inout [String]) -> T) -> T {
        var notes: [String] = []
        let result = body(&notes)
        verdict.notes.append(contentsOf: notes.map { (component, $0) })
        return result
    }

    /// An override on its own: its `DTSTART` (else its `RECURRENCE-ID`) and its own length
    /// (else the master's).
    private func overrideOverlaps(_ override: Component, masterSpan: Span?, notes: inout [String]) -> Bool {
        if override.first("DTSTART") == nil, let rid = override.first("RECURRENCE-ID"),
           let start = context.resolve(rid, notes: &notes) {
            let span = Span(start: start, days: masterSpan?.days ?? (start.value.isDate ? 1 : 0),
                            seconds: masterSpan?.seconds ?? 0)
            return overlaps(span, at: start.value.local)
        }
        guard let span = span(of: override, notes: &notes) else { return true }
        return overlaps(span, at: span.start.value.local)
    }

    /// Whether the instance of `span` starting at local `start` overlaps the window.
    func overlaps(_ span: Span, at start: LocalDateTime) -> Bool {
        let zone = span.start.zone
        let begin = zone.utc(from: start)
        return window.overlaps(start: Double(begin), end: Double(end(of: span, startingAt: start, utc: begin)))
    }

    /// The UTC end of an instance of `span` starting at local `start` (UTC `utc`).
    func end(of span: Span, startingAt start: LocalDateTime, utc: Int64) -> Int64 {
        guard span.days != 0 else { return utc + span.seconds }
        return span.start.zone.utc(from: start.addingDays(span.days)) + span.seconds
    }
}
