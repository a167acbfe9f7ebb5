extension SeriesWindowCheck {
    /// The UTC instants a component's occurrences cover: from its start to the end of its
    /// last instance (`RRULE` with `COUNT` or `UNTIL` expanded to its end; `RDATE`s count
    /// too). `end` is `nil` for a series without end; the result is `nil` without a readable start.
    func extent(of component: Component, notes: inout [String]) -> (start: Int64, end: Int64?)? {
        guard let span = span(of: component, notes: &notes) else { return nil }
        let start = span.start.utc
        var last = end(of: span, startingAt: span.start.value.local, utc: start)
        for property in component.all("RRULE") {
            guard let rule = RecurrenceRule.parse(property.value).rule, rule.isBounded else { return (start, nil) }
            let zone = span.start.zone
            var iterator = RecurrenceIterator(rule: rule, start: span.start.value.local, isDate: span.start.value.isDate,
                                              stopAfter: nil, localToUTC: { zone.utc(from: $0) })
            var final: LocalDateTime?
            while let local = iterator.next() { final = local }
            if iterator.hitIterationCap { return (start, nil) }
            if let final { last = max(last, end(of: span, startingAt: final, utc: zone.utc(from: final))) }
        }
        for property in component.all("RDATE") {
            for text in property.value.split(separator: ",") {
                let value = String(text.split(separator: "/").first ?? text)
                if let instant = context.resolve(text: value, of: property, notes: &notes) {
                    last = max(last, end(of: span, startingAt: instant.value.local, utc: instant.utc))
                }
            }
        }
        return (start, last)
    }
}
