/// One key of calimport's configuration: its dotted name in the file, its environment variable
/// (`CALIMPORT_` + the name upper-cased with dots as underscores), its type, the values it
/// accepts and whether its value is a secret (masked whenever shown).
public struct SettingKey: Sendable, Hashable {
    /// The kinds of values.
    public enum Kind: String, Sendable {
        case string, integer, number, boolean
    }

    /// Dotted name, e.g. `worker.concurrency`.
    public let name: String
    /// The type its value must parse as.
    public let kind: Kind
    /// Masked when printed (URLs with passwords, tokens).
    public let isSecret: Bool
    /// The values it accepts beyond its kind (a range, a list of words); nil = any of its kind.
    public let rule: SettingRule?
    /// What it sets.
    public let summary: String

    public init(_ name: String, _ kind: Kind, secret: Bool = false, rule: SettingRule? = nil, _ summary: String) {
        self.name = name
        self.kind = kind
        self.isSecret = secret
        self.rule = rule
        self.summary = summary
    }

    /// The environment variable that overrides it: `worker.concurrency` → `CALIMPORT_WORKER_CONCURRENCY`.
    public var environmentVariable: String {
        "CALIMPORT_" + name.uppercased().replacingOccurrences(of: ".", with: "_")
    }

    /// Throws ``SettingsError/Code/invalidValue`` unless `value` is of the key's kind and allowed
    /// by its rule. `origin` names where the value came from (`FILE: worker.concurrency`, an
    /// environment variable, a flag) and starts the message.
    public func validate(_ value: String, origin: String) throws {
        guard isOfKind(value) else {
            throw SettingsError(code: .invalidValue, message: "\(origin): '\(value)' is not a valid \(kind.rawValue) for \(name)")
        }
        if let rule, !rule.allows(value) {
            let refusal = if case .oneOf = rule { "is not allowed for" } else { "is out of range for" }
            throw SettingsError(code: .invalidValue, message: "\(origin): \(value) \(refusal) \(name): it must be \(rule)")
        }
    }

    private func isOfKind(_ value: String) -> Bool {
        switch kind {
        case .string: return true
        case .integer: return Int(value) != nil
        case .number: return Double(value)?.isFinite == true
        case .boolean: return ["true", "false"].contains(value.lowercased())
        }
    }
}
