import Foundation

/// Decides whether a name from an accounts list, a command or a directory is a plausible
/// mailbox name that is safe to put in a file path: `localpart` or `localpart@domain`, where
/// the local part holds letters, digits and `. _ + - ' = ! # $ % & * ^ ~`, and the domain
/// letters, digits, `-` and dots. Anything that could escape the source directory (`/`, `\`,
/// `..`, NUL, control characters) is refused.
public enum AccountName {
    /// Longest accepted name (RFC 5321's path limit).
    public static let maximumLength = 254

    /// Why `name` is refused, or nil when it is acceptable.
    public static func refusal(_ name: String) -> String? {
        if name.isEmpty { return "empty name" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{7F}" }) {
            return "contains a control character"
        }
        if name.contains("/") || name.contains("\\") { return "contains a path separator" }
        if name.contains("..") { return "contains '..'" }
        if name.utf8.count > maximumLength { return "longer than \(maximumLength) bytes" }
        let parts = name.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return "more than one '@'" }
        if let problem = localPartRefusal(parts[0]) { return problem }
        if parts.count == 2, let problem = domainRefusal(parts[1]) { return problem }
        return nil
    }

    private static let localPunctuation = Set(".-_+'=!#$%&*^~")

    private static func localPartRefusal(_ local: Substring) -> String? {
        if local.isEmpty { return "empty local part" }
        if local.hasPrefix(".") || local.hasPrefix("-") { return "starts with '\(local.first!)'" }
        if let bad = local.first(where: { !($0.isLetter || $0.isNumber || localPunctuation.contains($0)) }) {
            return "character '\(bad.unicodeScalars.map { $0.escaped(asASCII: true) }.joined())' is not allowed in a mailbox name"
        }
        return nil
    }

    private static func domainRefusal(_ domain: Substring) -> String? {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return "'\(domain)' is not a domain name" }
        for label in labels {
            if label.hasPrefix("-") || label.hasSuffix("-")
                || label.contains(where: { !($0.isLetter || $0.isNumber || $0 == "-") }) {
                return "'\(domain)' is not a domain name"
            }
        }
        return nil
    }
}
