import Foundation

/// Reads an account name back from a file name that a source template's last path component
/// produced, e.g. `{localpart}_at_{domain}.ics` → `anna@example.com`.
struct TemplateMatcher {
    private let expression: NSRegularExpression
    private let captures: [String]

    /// Compiles `component`; a template that does not say the whole account (`{account}`, or
    /// `{localpart}` with `{domain}`) cannot be listed.
    init(_ component: String, source: String) throws {
        var pattern = "^"
        var captures: [String] = []
        var rest = Substring(component)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            pattern += NSRegularExpression.escapedPattern(for: String(rest[..<open]))
            let name = String(rest[open...close])
            if SourceLayout.placeholders.contains(name) {
                captures.append(name)
                pattern += name == "{account}" ? "(.+)" : "([^@]+)"
            } else {
                pattern += NSRegularExpression.escapedPattern(for: name)
            }
            rest = rest[rest.index(after: close)...]
        }
        pattern += NSRegularExpression.escapedPattern(for: String(rest)) + "$"
        guard captures.contains("{account}") || (captures.contains("{localpart}") && captures.contains("{domain}")) else {
            throw AccountSourceError(
                "source template \(source): without {account} (or {localpart} and {domain}) the files do not name their accounts; give the accounts with --accounts or --accounts-cmd")
        }
        self.expression = try NSRegularExpression(pattern: pattern)
        self.captures = captures
    }

    /// The account a file name stands for, or nil when it does not match.
    func account(fromFileName name: String) -> String? {
        guard !name.hasPrefix("."),
              let match = expression.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) else { return nil }
        var values: [String: String] = [:]
        for (index, capture) in captures.enumerated() {
            guard let range = Range(match.range(at: index + 1), in: name) else { return nil }
            values[capture] = String(name[range])
        }
        if let account = values["{account}"] { return account }
        return "\(values["{localpart}"] ?? "")@\(values["{domain}"] ?? "")"
    }
}
