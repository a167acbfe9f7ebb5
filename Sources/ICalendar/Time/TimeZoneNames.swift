import Foundation

/// Recognises the many ways real files name a time zone and maps them to an IANA identifier
/// known to the system: IANA names themselves, Windows names (`W. Europe Standard Time`),
/// prefixed IANA names (`/mozilla.org/20050126_1/Europe/Berlin`) and Windows display names
/// (`(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna`).
public enum TimeZoneNames {
    /// The IANA identifier `tzid` stands for, or `nil` when it cannot be recognised.
    public static func ianaIdentifier(for tzid: String) -> String? {
        let name = tzid.trimmingCharacters(in: CharacterSet(charactersIn: "\" \t"))
        guard !name.isEmpty else { return nil }
        if let windows = windowsByLowercasedName[name.lowercased()] { return windows }
        if isKnown(name) { return name }
        if let suffix = knownSuffix(of: name) { return suffix }
        return displayNameZone(name) ?? cityListZone(name)
    }

    /// A fixed offset written as `UTC+01`, `GMT-05:00`, `UTC+0530` (no daylight saving).
    static func explicitOffset(_ name: String) -> Int? {
        let upper = name.trimmingCharacters(in: .whitespaces).uppercased()
        guard upper.hasPrefix("UTC") || upper.hasPrefix("GMT") else { return nil }
        let rest = upper.dropFirst(3).replacingOccurrences(of: ":", with: "")
        guard let sign = rest.first else { return 0 }
        guard sign == "+" || sign == "-" else { return nil }
        var digits = String(rest.dropFirst())
        if digits.count == 1 || digits.count == 3 { digits = "0" + digits }
        return VTimeZoneRules.utcOffset(String(sign) + digits)
    }

    /// The IANA zone for a Windows zone name (CLDR `windowsZones`, territory 001), if listed.
    public static func ianaIdentifier(forWindowsName name: String) -> String? {
        windowsByLowercasedName[name.trimmingCharacters(in: .whitespaces).lowercased()]
    }

    /// The offset in seconds written in a display name's `(UTC+01:00)` / `(GMT-05.00)` prefix.
    static func displayNameOffset(_ name: String) -> Int? {
        guard let (offset, _) = splitDisplayName(name) else { return nil }
        return offset
    }

    private static let windowsByLowercasedName: [String: String] = Dictionary(
        WindowsZoneNames.ianaByWindowsName.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })

    /// Known IANA identifiers by their last path component, lowercased, spaces for `_`.
    private static let identifiersByCity: [String: [String]] = {
        var result: [String: [String]] = [:]
        for identifier in TimeZone.knownTimeZoneIdentifiers {
            guard let city = identifier.split(separator: "/").last, identifier.contains("/") else { continue }
            result[city.replacingOccurrences(of: "_", with: " ").lowercased(), default: []].append(identifier)
        }
        return result
    }()

    private static let knownIdentifiers: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers)

    private static func isKnown(_ name: String) -> Bool {
        knownIdentifiers.contains(name) || (name.contains("/") && TimeZone(identifier: name) != nil)
            || name == "UTC" || name == "GMT"
    }

    /// The longest `/`-separated suffix of `name` that is a known IANA identifier.
    private static func knownSuffix(of name: String) -> String? {
        let parts = name.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 2 else { return nil }
        for start in 0..<parts.count {
            let candidate = parts[start...].joined(separator: "/")
            if candidate.contains("/"), knownIdentifiers.contains(candidate) { return candidate }
        }
        return nil
    }

    /// A zone for `(UTC+01:00) Amsterdam, Berlin…`: known wording, or a listed city whose zone
    /// has the stated standard offset.
    private static func displayNameZone(_ name: String) -> String? {
        guard let (offset, rest) = splitDisplayName(name) else { return nil }
        if let zone = WindowsZoneNames.ianaByDisplayWording[rest] { return zone }
        for token in rest.split(whereSeparator: { $0 == "," || $0 == "-" || $0 == "/" }) {
            let city = token.trimmingCharacters(in: .whitespaces).lowercased()
            for identifier in identifiersByCity[city] ?? [] where hasStandardOffset(identifier, offset) {
                return identifier
            }
        }
        return nil
    }

    /// A zone for a bare city list such as `Kuala Lumpur, Singapore` (the first city that is
    /// the last component of exactly one known IANA identifier).
    private static func cityListZone(_ name: String) -> String? {
        for token in name.split(separator: ",") {
            let city = token.trimmingCharacters(in: .whitespaces).lowercased()
            if let matches = identifiersByCity[city], matches.count == 1 { return matches[0] }
        }
        return nil
    }

    /// Splits `(UTC+01:00) rest` into the offset and `rest`.
    private static func splitDisplayName(_ name: String) -> (Int, String)? {
        guard name.hasPrefix("("), let close = name.firstIndex(of: ")") else { return nil }
        var inner = name[name.index(after: name.startIndex)..<close].uppercased()
        for prefix in ["UTC", "GMT"] where inner.hasPrefix(prefix) { inner.removeFirst(prefix.count) }
        let rest = name[name.index(after: close)...].trimmingCharacters(in: .whitespaces)
        if inner.isEmpty { return (0, rest) }
        let normalized = inner.replacingOccurrences(of: ".", with: ":")
        guard let offset = VTimeZoneRules.utcOffset(normalized) else { return nil }
        return (offset, rest)
    }

    /// Whether the zone's standard (lower of January and July) offset is `offset`.
    private static func hasStandardOffset(_ identifier: String, _ offset: Int) -> Bool {
        guard let zone = TimeZone(identifier: identifier) else { return false }
        let january = zone.secondsFromGMT(for: Date(timeIntervalSince1970: 1_704_067_200))
        let july = zone.secondsFromGMT(for: Date(timeIntervalSince1970: 1_719_792_000))
        return min(january, july) == offset || abs(min(january, july) - offset) <= 3600 && max(january, july) == offset
    }
}
