import Foundation

/// Where account files are, as a batch's `--source` says: a directory of `<account>.ics`
/// files, or a path template with `{account}`, `{localpart}` and `{domain}` placeholders
/// (e.g. `/tmp/backup/{account}.ics`).
public struct SourceLayout: Sendable, Equatable {
    /// The placeholders a template may use.
    public static let placeholders = ["{account}", "{localpart}", "{domain}"]

    /// The source as given (a directory path or a template).
    public let source: String

    /// Wraps `source`.
    public init(_ source: String) {
        self.source = source
    }

    /// Whether the source is a template rather than a directory.
    public var isTemplate: Bool {
        Self.placeholders.contains { source.contains($0) }
    }

    /// The file of `account`: the template filled in, or `DIR/<account>.ics`.
    public func file(for account: String) -> URL {
        guard isTemplate else {
            return URL(fileURLWithPath: source, isDirectory: true).appendingPathComponent(account + ".ics")
        }
        let parts = account.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        let localpart = String(parts.first ?? "")
        let domain = parts.count > 1 ? String(parts[1]) : ""
        let path = source
            .replacingOccurrences(of: "{account}", with: account)
            .replacingOccurrences(of: "{localpart}", with: localpart)
            .replacingOccurrences(of: "{domain}", with: domain)
        return URL(fileURLWithPath: path)
    }

    /// The accounts whose files exist in the source, sorted: for a directory every `*.ics`;
    /// for a template, the files of the template's directory that match its last path
    /// component (placeholders must all be in that component).
    public func discoverAccounts() throws -> [String] {
        guard isTemplate else { return try Self.icsFiles(in: URL(fileURLWithPath: source, isDirectory: true)) }
        let template = URL(fileURLWithPath: source)
        let directory = template.deletingLastPathComponent()
        guard !Self.placeholders.contains(where: { directory.path.contains($0) }) else {
            throw AccountSourceError(
                "source template \(source): placeholders in directory names cannot be listed; give the accounts with --accounts or --accounts-cmd")
        }
        let matcher = try TemplateMatcher(template.lastPathComponent, source: source)
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .compactMap(matcher.account(fromFileName:))
            .sorted()
    }

    private static func icsFiles(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".ics") && $0.count > 4 && !$0.hasPrefix(".") }
            .map { String($0.dropLast(4)) }
            .sorted()
    }
}
