import Foundation
import Settings

/// The process's configuration: the file of `--config` (see ``ConfigFileOption``, which loads it
/// while the command line is parsed), else of `CALIMPORT_CONFIG`, and the `CALIMPORT_*`
/// environment. Commands read their defaults from it; their flags win over it.
enum SettingsStore {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var loaded: Settings?

    /// Loads `file` (nil: `CALIMPORT_CONFIG`, if set) and the environment, and keeps the result
    /// for ``current()``. A bad file or value throws ``SettingsError`` naming the key.
    @discardableResult
    static func load(file: String?) throws -> Settings {
        let settings = try Settings.load(file: file ?? configurationFileFromEnvironment)
        lock.withLock { loaded = settings }
        return settings
    }

    /// The settings loaded for this command (loading them from `CALIMPORT_CONFIG` the first time
    /// when the command has no `--config` option).
    static func current() throws -> Settings {
        if let settings = lock.withLock({ loaded }) { return settings }
        return try load(file: nil)
    }

    /// The process environment with the file's target credentials keys added under their variables
    /// (the environment wins): what connectors read their credentials from.
    static func targetEnvironment() throws -> [String: String] {
        try current().environment(overlaying: ProcessInfo.processInfo.environment)
    }

    /// `CALIMPORT_CONFIG`, when set and not empty.
    static var configurationFileFromEnvironment: String? {
        ProcessInfo.processInfo.environment["CALIMPORT_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
