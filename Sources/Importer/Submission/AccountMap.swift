import Foundation

/// `--map FILE`: CSV lines `source_account,target_account` for renamed users or domains. An
/// optional header line naming those two columns, blank lines and `#` comments are ignored;
/// fields may be double-quoted. An unmapped account keeps its name.
public struct AccountMap: Sendable, Equatable {
    /// Target account by source account.
    public private(set) var targets: [String: String] = [:]

    /// An empty map.
    public init() {}

    /// Parses `text`; a line without exactly two fields, or a source mapped twice to different
    /// targets, is an error naming the line.
    public init(csv text: String, name: String = "map") throws {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = Self.fields(trimmed)
            guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw AccountSourceError("\(name) line \(index + 1): expected source_account,target_account")
            }
            if index == 0 && fields[0].lowercased().hasPrefix("source") { continue }
            if let existing = targets[fields[0]], existing != fields[1] {
                throw AccountSourceError("\(name) line \(index + 1): \(fields[0]) is mapped to both \(existing) and \(fields[1])")
            }
            targets[fields[0]] = fields[1]
        }
    }

    /// Reads the CSV file at `path`.
    public static func read(path: String) throws -> AccountMap {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AccountSourceError("cannot read the map file \(path)")
        }
        return try AccountMap(csv: String(decoding: data, as: UTF8.self), name: path)
    }

    /// The target account of `account`.
    public func target(for account: String) -> String {
        targets[account] ?? account
    }

    private static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = "", quoted = false
        for character in line {
            switch character {
            case "\"": quoted.toggle()
            case "," where !quoted:
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            default: current.append(character)
            }
        }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }
}
