import Foundation

/// Decides whether a name from an accounts list, a command or a directory is a plausible
/// mailbox name that is safe to put in a file path: `localpart` or `localpart@domain`, where
/// the local part holds letters, digits and `. _ + - ' = ! # $ % & * ^ ~`, and the domain
/// letters, digits, `-` and dots. Anything that could escape the source directory (`/`, `\`,
/// `..`, NUL, control characters) is refused.
public enum AccountName {
    /// Longest accepted name (RFC 5321's path limit).
    public static let maximumLength = 254

    /// Why `name` is refused, or nil when it is acceptable. A plain ASCII name is accepted on
    /// its bytes (``isPlainASCIIMailbox(_:)``, no `Character` or Foundation call: a million
    /// names take a fraction of a second); anything else, and the reason of a refusal, goes
    /// through the rules below.
    public static func refusal(_ name: String) -> String? {
        var name = name
        if name.withUTF8(isPlainASCIIMailbox) { return nil }
        return characterRefusal(name)
    }

    /// Whether `bytes` are an ASCII name these rules accept: the same decision as the
    /// `Character` rules for ASCII input (letters and digits are `A-Z a-z 0-9` there), taken
    /// in one pass. False means "not decided here", not "refused".
    static func isPlainASCIIMailbox(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= maximumLength else { return false }
        var at = -1, previous: UInt8 = 0, labelStart = 0, labels = 0
        for (index, byte) in bytes.enumerated() {
            let alphanumeric = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
            if byte == 0x40 {  // @
                guard at < 0, index > 0 else { return false }
                at = index
                labelStart = index + 1
            } else if at < 0 {  // local part
                if index == 0 && (byte == 0x2E || byte == 0x2D) { return false }
                if byte == 0x2E && previous == 0x2E { return false }
                guard alphanumeric || asciiLocalPunctuation.contains(byte) else { return false }
            } else if byte == 0x2E {  // end of a domain label
                guard index > labelStart, previous != 0x2D else { return false }
                labels += 1
                labelStart = index + 1
            } else {
                if index == labelStart && byte == 0x2D { return false }
                guard alphanumeric || byte == 0x2D else { return false }
            }
            previous = byte
        }
        guard at >= 0 else { return true }
        // The last label: not empty, not ending with '-', and at least two labels in all.
        return bytes.count > labelStart && previous != 0x2D && labels >= 1
    }

    private static let asciiLocalPunctuation = Set(".-_+'=!#$%&*^~".utf8)

    /// The reason `name` is refused, by `Character` and its Unicode properties.
    static func characterRefusal(_ name: String) -> String? {
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
