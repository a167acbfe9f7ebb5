/// One key of calimport's configuration: its dotted name in the file, its environment variable
/// (`CALIMPORT_` + the name upper-cased with dots as underscores), its type and whether its
/// value is a secret (masked whenever shown).
public struct SettingKey: Sendable, Hashable {
    /// The kinds of values.
    public enum Kind: String, Sendable {
        case string, integer, number, boolean
    }

    /// Dotted name, e.g. `worker.concurrency`.
    public let name: String
    public let kind: Kind
    /// Masked when printed (URLs with passwords, tokens).
    public let isSecret: Bool
    /// What it sets, and its default.
    public let summary: String

    public init(_ name: String, _ kind: Kind, secret: Bool = false, _ summary: String) {
        self.name = name
        self.kind = kind
        self.isSecret = secret
        self.summary = summary
    }

    /// The environment variable that overrides it: `worker.concurrency` → `CALIMPORT_WORKER_CONCURRENCY`.
    public var environmentVariable: String {
        "CALIMPORT_" + name.uppercased().replacingOccurrences(of: ".", with: "_")
    }
}
