import Foundation

/// What a test compares of one VEVENT/VTODO/VJOURNAL besides its identity, read independently of
/// the ICalendar module: start and end as UTC instants (a time shift changes them), the
/// recurrence rule and exceptions, the people, and the `SCHEDULE-AGENT` each person carries.
public struct ComponentContent: Equatable, Sendable, CustomStringConvertible {
    /// DTSTART: `2025-01-06T08:00:00Z`, `date:20250106` or `floating:20250106T090000`.
    public var start: String?
    /// DTEND or DUE in the same form, or `duration:PT1H`.
    public var end: String?
    /// RRULE with its parts sorted.
    public var rule: String?
    /// EXDATE values as instants, sorted.
    public var exceptions: [String]
    /// ORGANIZER and ATTENDEE addresses, lower-cased, sorted (`organizer:` / `attendee:` prefix).
    public var people: [String]
    /// The SCHEDULE-AGENT parameter of each ORGANIZER and ATTENDEE (`""` when absent), sorted.
    public var scheduleAgents: [String]

    public var description: String {
        "start=\(start ?? "-") end=\(end ?? "-") rrule=\(rule ?? "-") exdate=\(exceptions) people=\(people) schedule-agent=\(scheduleAgents)"
    }

    /// The same content with every SCHEDULE-AGENT replaced by `agent`: what the target stores when
    /// it sets the parameter on every ORGANIZER and ATTENDEE.
    public func withScheduleAgents(_ agent: String) -> ComponentContent {
        var copy = self
        copy.scheduleAgents = scheduleAgents.map { _ in agent }
        return copy
    }

    /// Every top-level component's content, keyed by its ``ComponentScan`` identity.
    public static func contents(in text: String) -> [String: ComponentContent] {
        var result: [String: ComponentContent] = [:]
        for component in components(in: text) {
            var content = ComponentContent(start: nil, end: nil, rule: nil, exceptions: [], people: [], scheduleAgents: [])
            var uid = "", recurrenceID = ""
            for line in component {
                let (name, parameters, value) = split(line)
                switch name {
                case "UID": uid = value
                case "RECURRENCE-ID": recurrenceID = value
                case "DTSTART": content.start = instant(value, parameters)
                case "DTEND", "DUE": content.end = instant(value, parameters)
                case "DURATION": content.end = "duration:" + value
                case "RRULE": content.rule = value.uppercased().split(separator: ";").sorted().joined(separator: ";")
                case "EXDATE": content.exceptions += value.split(separator: ",").map { instant(String($0), parameters) }
                case "ORGANIZER", "ATTENDEE":
                    content.people.append(name.lowercased() + ":" + value.lowercased())
                    content.scheduleAgents.append(parameters["SCHEDULE-AGENT"]?.uppercased() ?? "")
                default: break
                }
            }
            content.exceptions.sort()
            content.people.sort()
            content.scheduleAgents.sort()
            result[recurrenceID.isEmpty ? uid : uid + "|" + recurrenceID] = content
        }
        return result
    }

    /// The content lines directly inside each top-level VEVENT, VTODO and VJOURNAL (not those of
    /// a VALARM within).
    public static func components(in text: String) -> [[String]] {
        var found: [[String]] = []
        var current: [String]?
        var depth = 0
        for line in ComponentScan.unfolded(text) {
            let upper = line.uppercased()
            if upper.hasPrefix("BEGIN:") {
                if current == nil, ["VEVENT", "VTODO", "VJOURNAL"].contains(upper.dropFirst(6)) {
                    current = []
                    depth = 0
                } else {
                    depth += 1
                }
            } else if upper.hasPrefix("END:"), current != nil {
                if depth == 0 {
                    found.append(current!)
                    current = nil
                } else {
                    depth -= 1
                }
            } else if depth == 0 {
                current?.append(line)
            }
        }
        return found
    }

    /// Name (upper-cased), parameters (names upper-cased, quotes removed) and value of a line.
    static func split(_ line: String) -> (String, [String: String], String) {
        var inQuotes = false
        var colon = line.endIndex
        for index in line.indices {
            if line[index] == "\"" { inQuotes.toggle() }
            if line[index] == ":" && !inQuotes { colon = index; break }
        }
        let head = line[..<colon]
        let value = colon < line.endIndex ? String(line[line.index(after: colon)...]) : ""
        let parts = head.split(separator: ";")
        var parameters: [String: String] = [:]
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            parameters[pair[0].uppercased()] = pair[1].replacingOccurrences(of: "\"", with: "")
        }
        return (parts.first.map { $0.uppercased() } ?? "", parameters, value)
    }

    /// A DATE-TIME as a UTC instant (zones by IANA name or the Windows names the tenant generator
    /// writes), a DATE as `date:`, a floating time as `floating:`; an unknown zone as `zone?<TZID>:`.
    static func instant(_ value: String, _ parameters: [String: String]) -> String {
        if parameters["VALUE"]?.uppercased() == "DATE" || value.count == 8 { return "date:" + value }
        let zone: TimeZone?
        if value.hasSuffix("Z") {
            zone = TimeZone(identifier: "UTC")
        } else if let tzid = parameters["TZID"] {
            guard let known = TimeZone(identifier: windowsZones[tzid] ?? tzid) else { return "zone?\(tzid):" + value }
            zone = known
        } else {
            return "floating:" + value
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyyMMdd'T'HHmmss"
        guard let date = formatter.date(from: String(value.prefix(15))) else { return "invalid:" + value }
        return ISO8601DateFormatter().string(from: date)
    }

    /// The Windows zone names TenantGenerator writes, as CLDR's windowsZones.xml maps them.
    static let windowsZones = [
        "W. Europe Standard Time": "Europe/Berlin", "Eastern Standard Time": "America/New_York",
        "Tokyo Standard Time": "Asia/Tokyo", "GMT Standard Time": "Europe/London",
    ]
}
