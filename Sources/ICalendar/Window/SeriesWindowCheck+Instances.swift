extension SeriesWindowCheck {
    /// The UTC start and end of the instances of one component that overlap the window, in
    /// order, at most `limit`; `complete` is false when there may be more (the limit was reached,
    /// or the instances cannot be known: no readable start, unreadable rule, iteration cap —
    /// the notes say which). A master's instances are its `DTSTART`, `RDATE`s and `RRULE`s less
    /// `EXDATE`s and the slots of `overrides`; an override has its own one instance.
    func instances(of component: Component, overrides: [Component], limit: Int,
                   notes: inout [String]) -> (instances: [Instance], complete: Bool) {
        var found: [Instance] = []
        let collect: (Int64, Int64) -> Bool = { start, end in
            if window.overlaps(start: Double(start), end: Double(end)) { found.append(Instance(start: start, end: end)) }
            return found.count >= limit
        }
        if component.first("RECURRENCE-ID") != nil {
            guard let span = span(of: component, notes: &notes) else { return ([], false) }
            let instance = self.instance(of: span, at: span.start.value.local, shifts: RangeShifts())
            _ = collect(instance.start, instance.end)
            return (found, true)
        }
        guard let span = span(of: component, notes: &notes) else { return ([], false) }
        let end = walkInstances(of: component, span: span, overrides: overrides, expandsUnboundedRules: true,
                                notes: &notes, collect)
        return (found, end == .exhausted)
    }

    /// One instance's UTC start and end (seconds since 1970).
    struct Instance: Equatable {
        var start: Int64
        var end: Int64
    }
}
