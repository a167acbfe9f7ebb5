import CalendarTargets
import Foundation
import HTTPTransport
import Importer
import JobQueue

/// What `work` and `run` give their worker pool and importer, resolved by ``WorkerOptions``
/// from flags, the configuration and the built-in defaults of the types they configure.
struct WorkerSettings {
    /// Slots, lease, heartbeat, grace and poll interval.
    var pool = WorkerPool.Configuration()
    /// Requests in flight and rate per target host.
    var throttle = HostThrottle.Configuration()
    /// Backoff after transient failures.
    var retry = RetryPolicy()

    /// The built-in defaults.
    static let defaults = WorkerSettings()

    /// The importer for these settings, its connectors reading credentials from the environment
    /// and the configuration file. Throws when a target password file is set but unusable, so a
    /// worker stops before it claims anything.
    func makeImporter() throws -> AccountImporter {
        let environment = try SettingsStore.targetEnvironment()
        _ = try TargetCredentials.fromEnvironment(environment)
        return AccountImporter(httpClient: HTTPClient(), throttle: throttle, retryPolicy: retry, environment: environment)
    }
}
