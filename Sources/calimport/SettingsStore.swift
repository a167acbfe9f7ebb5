import Foundation
import Settings

/// The process's configuration, loaded once from `CALIMPORT_CONFIG` (and the `CALIMPORT_*`
/// environment). Commands read their defaults from it; their flags win over it.
enum SettingsStore {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var loaded: Settings?

    /// The settings; a bad file or value is a usage error naming the key.
    static func current() throws -> Settings {
        try lock.withLock {
            if let loaded { return loaded }
            let settings = try Settings.load(file: ProcessInfo.processInfo.environment["CALIMPORT_CONFIG"])
            loaded = settings
            return settings
        }
    }
}
