/// A time zone the generated events refer to by TZID, and the VTIMEZONE that defines it.
///
/// The definitions carry the current rules (EU: last Sunday of March/October; US: second
/// Sunday of March / first Sunday of November) with correct offsets. The Windows-named ones
/// are written the way Outlook writes them: onsets in 1601, `BYDAY` before `BYMONTH`.
struct TimeZoneDefinition: Sendable, Hashable {
    /// One STANDARD or DAYLIGHT observance.
    struct Observance: Sendable, Hashable {
        var kind: String
        var onset: String
        var offsetFrom: String
        var offsetTo: String
        var name: String?
        var rule: String?
    }

    /// The TZID, e.g. `Europe/Berlin` or `W. Europe Standard Time`.
    var identifier: String
    /// The IANA zone this is (for Windows names: maps to).
    var ianaIdentifier: String
    var observances: [Observance]

    /// Whether the zone changes its offset during the year.
    var hasDaylightSavingTime: Bool {
        observances.contains { $0.kind == "DAYLIGHT" }
    }

    /// Writes the VTIMEZONE component.
    func write(to writer: inout ContentLineWriter) {
        writer.begin("VTIMEZONE")
        writer.property("TZID", identifier)
        for observance in observances {
            writer.begin(observance.kind)
            writer.property("DTSTART", observance.onset)
            writer.property("TZOFFSETFROM", observance.offsetFrom)
            writer.property("TZOFFSETTO", observance.offsetTo)
            if let rule = observance.rule { writer.property("RRULE", rule) }
            if let name = observance.name { writer.property("TZNAME", name) }
            writer.end(observance.kind)
        }
        writer.end("VTIMEZONE")
    }
}

extension TimeZoneDefinition {
    static let berlin = TimeZoneDefinition(
        identifier: "Europe/Berlin", ianaIdentifier: "Europe/Berlin",
        observances: [
            Observance(kind: "DAYLIGHT", onset: "19700329T020000", offsetFrom: "+0100", offsetTo: "+0200",
                       name: "CEST", rule: "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
            Observance(kind: "STANDARD", onset: "19701025T030000", offsetFrom: "+0200", offsetTo: "+0100",
                       name: "CET", rule: "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
        ])

    static let london = TimeZoneDefinition(
        identifier: "Europe/London", ianaIdentifier: "Europe/London",
        observances: [
            Observance(kind: "DAYLIGHT", onset: "19700329T010000", offsetFrom: "+0000", offsetTo: "+0100",
                       name: "BST", rule: "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
            Observance(kind: "STANDARD", onset: "19701025T020000", offsetFrom: "+0100", offsetTo: "+0000",
                       name: "GMT", rule: "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
        ])

    static let newYork = TimeZoneDefinition(
        identifier: "America/New_York", ianaIdentifier: "America/New_York",
        observances: [
            Observance(kind: "DAYLIGHT", onset: "19700308T020000", offsetFrom: "-0500", offsetTo: "-0400",
                       name: "EDT", rule: "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"),
            Observance(kind: "STANDARD", onset: "19701101T020000", offsetFrom: "-0400", offsetTo: "-0500",
                       name: "EST", rule: "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"),
        ])

    static let tokyo = TimeZoneDefinition(
        identifier: "Asia/Tokyo", ianaIdentifier: "Asia/Tokyo",
        observances: [
            Observance(kind: "STANDARD", onset: "19700101T000000", offsetFrom: "+0900", offsetTo: "+0900",
                       name: "JST", rule: nil),
        ])

    /// Outlook's name for Central European time (maps to Europe/Berlin).
    static let westEurope = TimeZoneDefinition(
        identifier: "W. Europe Standard Time", ianaIdentifier: "Europe/Berlin",
        observances: [
            Observance(kind: "STANDARD", onset: "16011028T030000", offsetFrom: "+0200", offsetTo: "+0100",
                       name: nil, rule: "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"),
            Observance(kind: "DAYLIGHT", onset: "16010325T020000", offsetFrom: "+0100", offsetTo: "+0200",
                       name: nil, rule: "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"),
        ])

    /// Outlook's name for US Eastern time (maps to America/New_York).
    static let easternUS = TimeZoneDefinition(
        identifier: "Eastern Standard Time", ianaIdentifier: "America/New_York",
        observances: [
            Observance(kind: "STANDARD", onset: "16011104T020000", offsetFrom: "-0400", offsetTo: "-0500",
                       name: nil, rule: "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11"),
            Observance(kind: "DAYLIGHT", onset: "16010311T020000", offsetFrom: "-0500", offsetTo: "-0400",
                       name: nil, rule: "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3"),
        ])
}
