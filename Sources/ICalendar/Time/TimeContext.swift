/// Reads date properties of one component into local fields, a zone and a UTC instant:
/// a `DATE` and a time without zone are read in the calendar's zone (`X-WR-TIMEZONE`, else
/// UTC), a `Z` time in UTC, a `TZID` time in the resolved zone (floating when unknown).
struct TimeContext {
    let resolver: ZoneResolver
    /// The zone of floating times and dates: the calendar's `X-WR-TIMEZONE`, else UTC.
    let calendarZone: ZoneRules

    /// A date value resolved to its zone and UTC instant.
    struct ResolvedTime {
        var value: DateTimeValue
        var zone: ZoneRules
        var utc: Int64
    }

    /// The first value of `property`, resolved; `nil` (with a note) when unreadable.
    func resolve(_ property: Property, notes: inout [String]) -> ResolvedTime? {
        resolve(text: property.value, of: property, notes: &notes)
    }

    /// One value text of `property` (e.g. one item of an `EXDATE` list), resolved.
    func resolve(text: String, of property: Property, notes: inout [String]) -> ResolvedTime? {
        guard let value = DateTimeValue.parse(text) else {
            notes.append("\(property.name) value '\(text)' is not a date or date-time")
            return nil
        }
        let zone = self.zone(of: value, in: property, notes: &notes)
        return ResolvedTime(value: value, zone: zone, utc: zone.utc(from: value.local))
    }

    /// The zone `value` is read in.
    func zone(of value: DateTimeValue, in property: Property, notes: inout [String]) -> ZoneRules {
        if value.isDate { return calendarZone }
        if value.isUTC { return .utc }
        guard let tzid = property.parameter("TZID"), !tzid.isEmpty else { return calendarZone }
        let resolution = resolver.resolve(tzid)
        if let note = resolution.note { notes.append(note) }
        return resolution.rules ?? calendarZone
    }
}
