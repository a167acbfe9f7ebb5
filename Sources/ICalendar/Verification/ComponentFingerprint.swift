/// A component's content as a verification compares it: one normalised text per property (and
/// per property of its sub-components, such as `VALARM`s), order-free, leaving out what calendar
/// servers are known to rewrite on their own and what is compared another way. This list is
/// the one place that says what a verification ignores:
///
/// - left out: `DTSTAMP`, `LAST-MODIFIED`, `CREATED` (servers stamp their own); `SEQUENCE`
///   (compared on its own); `UID`; every `X-` property and parameter (servers add their own —
///   `X-ZIMBRA-…`, `X-MOZ-…`, `X-MICROSOFT-…` — and some drop the client's); `SCHEDULE-AGENT`,
///   `SCHEDULE-STATUS`, `SCHEDULE-FORCE-SEND` parameters (calimport or the server sets them);
///   the times `DTSTART`, `DTEND`, `DUE`, `DURATION`, `RECURRENCE-ID`, `EXDATE`, `RDATE`
///   (compared as UTC instants of the instances instead, so a renamed or re-expressed zone is
///   not a difference and a moved one is); `RRULE`'s `UNTIL` and `COUNT` (servers convert one
///   into the other; the instances in the window show the effect) and a `WKST=MO` (the default);
///   parameters equal to their RFC 5545 default (`VALUE=TEXT`, `ROLE=REQ-PARTICIPANT`,
///   `PARTSTAT=NEEDS-ACTION`, `RSVP=FALSE`, `CUTYPE=INDIVIDUAL`);
/// - normalised: property and parameter order; parameter names' case; `RRULE` parts' order;
///   `ORGANIZER`/`ATTENDEE` addresses' case; text escapes (`\,` `\;` `\N` read as `,` `;` `\n`);
///   line folding (the parser has unfolded it).
struct ComponentFingerprint: Equatable {
    /// The normalised properties, sorted.
    private(set) var lines: [String]

    /// Properties never compared as content.
    static let ignoredProperties: Set<String> = [
        "DTSTAMP", "LAST-MODIFIED", "CREATED", "SEQUENCE", "UID",
        "DTSTART", "DTEND", "DUE", "DURATION", "RECURRENCE-ID", "EXDATE", "RDATE",
    ]
    /// Parameters never compared.
    static let ignoredParameters: Set<String> = ["SCHEDULE-AGENT", "SCHEDULE-STATUS", "SCHEDULE-FORCE-SEND"]
    /// Parameter values that say nothing: RFC 5545's defaults.
    static let defaultParameters: Set<String> = [
        "VALUE=TEXT", "ROLE=REQ-PARTICIPANT", "PARTSTAT=NEEDS-ACTION", "RSVP=FALSE", "CUTYPE=INDIVIDUAL",
    ]
    /// Properties whose values are addresses compared without case.
    static let addressProperties: Set<String> = ["ORGANIZER", "ATTENDEE"]

    /// The fingerprint of `component` and its sub-components.
    init(_ component: Component) {
        var lines: [String] = []
        Self.collect(component, prefix: "", into: &lines)
        self.lines = lines.sorted()
    }

    private static func collect(_ component: Component, prefix: String, into lines: inout [String]) {
        for property in component.properties {
            let name = property.name.uppercased()
            guard !ignoredProperties.contains(name), !name.hasPrefix("X-") else { continue }
            lines.append(prefix + name + parameters(property) + ":" + value(of: property, named: name))
        }
        for child in component.components {
            collect(child, prefix: prefix + child.name.uppercased() + "/", into: &lines)
        }
    }

    private static func parameters(_ property: Property) -> String {
        property.parameters.compactMap { parameter -> String? in
            let name = parameter.name.uppercased()
            guard !name.hasPrefix("X-"), !ignoredParameters.contains(name) else { return nil }
            let text = name + "=" + parameter.values.joined(separator: ",")
            return defaultParameters.contains(text.uppercased()) ? nil : text
        }.sorted().map { ";" + $0 }.joined()
    }

    private static func value(of property: Property, named name: String) -> String {
        if addressProperties.contains(name) { return property.value.lowercased() }
        if name == "RRULE" {
            return property.value.split(separator: ";").map { $0.uppercased() }
                .filter { !$0.hasPrefix("UNTIL=") && !$0.hasPrefix("COUNT=") && $0 != "WKST=MO" }
                .sorted().joined(separator: ";")
        }
        return property.value.replacingOccurrences(of: "\\,", with: ",").replacingOccurrences(of: "\\;", with: ";")
            .replacingOccurrences(of: "\\N", with: "\\n")
    }

    /// What differs from `other` (the server's), in words: at most `limit` properties, each
    /// "only in the file" or "only on the server".
    func differences(from other: ComponentFingerprint, limit: Int = 3) -> [String] {
        var theirs = other.lines
        var onlyMine: [String] = []
        for line in lines {
            if let index = theirs.firstIndex(of: line) { theirs.remove(at: index) } else { onlyMine.append(line) }
        }
        let described = onlyMine.map { "\(Self.shorten($0)) only in the file" } + theirs.map { "\(Self.shorten($0)) only on the server" }
        return Array(described.prefix(limit)) + (described.count > limit ? ["… \(described.count - limit) more"] : [])
    }

    private static func shorten(_ line: String) -> String {
        line.count > 80 ? String(line.prefix(77)) + "…" : line
    }
}
