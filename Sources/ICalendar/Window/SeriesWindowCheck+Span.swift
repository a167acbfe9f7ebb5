extension SeriesWindowCheck {
    /// The span of a `VEVENT` (`DTSTART` to `DTEND`/`DURATION`; a date lasts one day, a
    /// date-time with neither is an instant), a `VTODO` (`DTSTART` to `DUE`/`DURATION`, or an
    /// instant at `DUE`) or a `VJOURNAL` (`DTSTART`). `nil` (keep) when it has no readable date.
    func span(of component: Component, notes: inout [String]) -> Span? {
        let startProperty: Property?
        var endProperty: Property?
        switch component.name {
        case "VTODO":
            startProperty = component.first("DTSTART") ?? component.first("DUE")
            endProperty = component.first("DTSTART") == nil ? nil : component.first("DUE")
        case "VJOURNAL":
            startProperty = component.first("DTSTART")
        default:
            startProperty = component.first("DTSTART")
            endProperty = component.first("DTEND")
        }
        guard let startProperty else {
            if component.name == "VEVENT" { notes.append("VEVENT without DTSTART kept whatever the window") }
            return nil
        }
        guard let start = context.resolve(startProperty, notes: &notes) else {
            notes.append("\(startProperty.name) unreadable; kept whatever the window")
            return nil
        }
        if let endProperty, let end = context.resolve(endProperty, notes: &notes) {
            if start.value.isDate, end.value.isDate {
                return Span(start: start, days: max(0, end.value.local.dayNumber - start.value.local.dayNumber), seconds: 0)
            }
            return Span(start: start, days: 0, seconds: max(0, end.utc - start.utc))
        }
        if component.name != "VJOURNAL", let text = component.first("DURATION")?.value {
            if let duration = ICalDuration.parse(text) {
                return Span(start: start, days: max(0, duration.days), seconds: Int64(max(0, duration.seconds)))
            }
            notes.append("DURATION '\(text)' unreadable; read as none")
        }
        return Span(start: start, days: start.value.isDate ? 1 : 0, seconds: 0)
    }
}
