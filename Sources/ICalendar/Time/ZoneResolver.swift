import Foundation

/// Resolves `TZID`s for one file, caching the result: first the file's own `VTIMEZONE`, then
/// the system's IANA database (directly, via the Windows-name table, a prefixed IANA name or a
/// Windows display name), then the fixed offset of a display name. Used by one filter run only.
final class ZoneResolver {
    /// A resolved zone and, when resolution was not clean, a note for the problem report.
    struct Resolution {
        var rules: ZoneRules?
        var note: String?
        /// Where the rules came from.
        var source: ZoneSource = .unresolved
        /// The IANA identifier used, when the system database gave the rules.
        var identifier: String?
    }

    private let timeZones: [String: Component]
    private var cache: [String: Resolution] = [:]

    init(timeZones: [String: Component]) {
        self.timeZones = timeZones
    }

    /// The rules for `tzid`; `rules == nil` means it resolves nowhere (read as floating).
    func resolve(_ tzid: String) -> Resolution {
        if let cached = cache[tzid] { return cached }
        let resolution = compute(tzid)
        cache[tzid] = resolution
        return resolution
    }

    private func compute(_ tzid: String) -> Resolution {
        var note: String?
        if let component = vtimezone(named: tzid) {
            if let rules = VTimeZoneRules(component) { return Resolution(rules: .vtimezone(rules), source: .file) }
            note = "VTIMEZONE '\(tzid)' has no usable STANDARD/DAYLIGHT"
        }
        if let identifier = TimeZoneNames.ianaIdentifier(for: tzid), let zone = TimeZone(identifier: identifier) {
            let source: ZoneSource = TimeZoneNames.ianaIdentifier(forWindowsName: tzid) != nil ? .windows
                : identifier == tzid ? .iana : .ianaAlias
            return Resolution(rules: .system(zone), note: note.map { "\($0); read as IANA zone \(identifier)" },
                              source: source, identifier: identifier)
        }
        if let offset = TimeZoneNames.explicitOffset(tzid) {
            return Resolution(rules: .fixed(seconds: offset), note: note, source: .fixedOffset)
        }
        if let offset = TimeZoneNames.displayNameOffset(tzid) {
            return Resolution(rules: .fixed(seconds: offset),
                              note: "TZID '\(tzid)' read as the fixed offset of its name (no daylight saving)",
                              source: .fixedOffset)
        }
        return Resolution(rules: nil, note: "unknown TZID '\(tzid)' read as floating")
    }

    /// The file's `VTIMEZONE` called `tzid` (exactly, else ignoring case), if any.
    func vtimezone(named tzid: String) -> Component? {
        if let exact = timeZones[tzid] { return exact }
        let lowered = tzid.lowercased()
        return timeZones.first { $0.key.lowercased() == lowered }?.value
    }
}
