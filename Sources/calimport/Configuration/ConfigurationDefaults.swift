import EmbeddedPostgres
import Foundation
import JobQueue
import Postgres
import Settings

/// The built-in default of each configuration key, as `calimport config check` shows it when
/// neither the file nor the environment sets the key, taken from the code that applies it.
enum ConfigurationDefaults {
    /// Default texts by key name; keys without a default (credentials, target) are absent.
    static func values(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        let worker = WorkerSettings.defaults
        return [
            "home": EmbeddedCluster.defaultHome(environment: environment).path,
            "database.url": databaseURL(environment: environment),
            "log.level": LoggingOptions.defaultLevel.rawValue,
            "log.format": LoggingOptions.defaultFormat.rawValue,
            "worker.concurrency": worker.pool.concurrency.settingText,
            "worker.lease_seconds": worker.pool.leaseDuration.seconds.settingText,
            "worker.heartbeat_seconds": worker.pool.heartbeatInterval.seconds.settingText,
            "worker.grace_seconds": worker.pool.gracePeriod.seconds.settingText,
            "worker.poll_interval_seconds": worker.pool.pollInterval.seconds.settingText,
            "retry.base_seconds": worker.retry.base.seconds.settingText,
            "retry.cap_seconds": worker.retry.cap.seconds.settingText,
            "retry.max_attempts": BatchDefinition.defaultMaxAttempts.settingText,
            "throttle.max_in_flight": worker.throttle.maxInFlight.settingText,
            "throttle.rate": (worker.throttle.rate ?? 0).settingText + " (no limit)",
        ]
    }

    /// DATABASE_URL (password masked) when set, else the embedded cluster.
    private static func databaseURL(environment: [String: String]) -> String {
        if let url = environment["DATABASE_URL"], !url.isEmpty { return Settings.mask(url) + " from DATABASE_URL" }
        return "the embedded cluster under home"
    }
}
