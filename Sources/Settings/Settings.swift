import Foundation
import Yams

/// calimport's effective configuration: defaults < the YAML file (`--config FILE` or
/// `CALIMPORT_CONFIG`) < environment variables (`CALIMPORT_<SECTION>_<KEY>`, see
/// ``SettingKey/environmentVariable``) < command-line flags, which commands apply last.
public struct Settings: Sendable {
    /// Where a value came from.
    public enum Source: String, Sendable {
        case file, environment
    }

    /// Effective values by key name, with their source.
    public private(set) var values: [String: (value: String, source: Source)]
    /// The file read, if any.
    public let file: String?

    /// Reads `file` (if any) and the environment. Unknown keys, and values of the wrong type or
    /// against their key's ``SettingKey/rule``, are refused with the file and key or the variable.
    public static func load(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        var values: [String: (value: String, source: Source)] = [:]
        if let file {
            for (name, value) in try readFile(file) { values[name] = (value, .file) }
        }
        for key in SettingKey.known {
            if let value = environment[key.environmentVariable], !value.isEmpty {
                try key.validate(value, origin: key.environmentVariable)
                values[key.name] = (value, .environment)
            }
        }
        return Settings(values: values, file: file)
    }

    /// The text value of `name`, if set.
    public func string(_ name: String) -> String? { values[name]?.value }

    /// The integer value of `name`, if set (validated on load).
    public func integer(_ name: String) -> Int? { string(name).flatMap { Int($0) } }

    /// The number value of `name`, if set (validated on load).
    public func number(_ name: String) -> Double? { string(name).flatMap { Double($0) } }

    /// One line per key, `name = value  (origin)`, secrets masked: what `config check` prints.
    /// Keys not set show their entry of `defaults` (origin `default`); keys with neither are left out.
    public func describe(defaults: [String: String] = [:]) -> [String] {
        SettingKey.known.compactMap { key in
            if let entry = values[key.name] {
                let shown = key.isSecret ? Self.mask(entry.value) : entry.value
                let origin = entry.source == .file ? (file ?? "file") : key.environmentVariable
                return "\(key.name) = \(shown)  (\(origin))"
            }
            return defaults[key.name].map { "\(key.name) = \($0)  (default)" }
        }
    }

    /// A URL with its password (`user:password@` and any `password=` query parameter) replaced
    /// by `***`; any other secret fully masked.
    public static func mask(_ value: String) -> String {
        guard let schemeEnd = value.range(of: "://") else { return "***" }
        let rest = value[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var masked = value
        if let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
            masked = String(value[..<schemeEnd.upperBound]) + String(rest[..<colon]) + ":***" + String(rest[at...])
        }
        return maskPasswordParameter(masked)
    }

    /// `…?password=x&…` → `…?password=***&…`.
    private static func maskPasswordParameter(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url }
        let query = url[url.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false).map { pair in
            pair.lowercased().hasPrefix("password=") ? "password=***" : String(pair)
        }
        return String(url[...question]) + query.joined(separator: "&")
    }

    static func readFile(_ path: String) throws -> [String: String] {
        let text: String
        let node: Any?
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
            node = try Yams.load(yaml: text)
        } catch {
            throw SettingsError(code: .unreadable, message: "configuration \(path): \(error)")
        }
        guard let root = node as? [String: Any] else {
            if node == nil { return [:] }
            throw SettingsError(code: .unreadable, message: "configuration \(path): expected a mapping of sections")
        }
        var flat: [String: String] = [:]
        try flatten(root, prefix: "", into: &flat, path: path)
        return flat
    }

    private static func flatten(_ node: [String: Any], prefix: String, into flat: inout [String: String], path: String) throws {
        for (name, value) in node {
            let full = prefix.isEmpty ? name : prefix + "." + name
            if let section = value as? [String: Any] {
                try flatten(section, prefix: full, into: &flat, path: path)
                continue
            }
            guard let key = SettingKey.named(full) else {
                let near = SettingKey.known.map(\.name).filter { $0.hasPrefix(prefix) }.joined(separator: ", ")
                throw SettingsError(code: .unknownKey, message: "configuration \(path): unknown key '\(full)'" + (near.isEmpty ? "" : " (known here: \(near))"))
            }
            guard !(value is NSNull), !(value is [Any]) else {
                throw SettingsError(code: .invalidValue, message: "configuration \(path): \(full) needs one value")
            }
            let text = "\(value)"
            try key.validate(text, origin: "\(path): \(full)")
            flat[full] = text
        }
    }
}
