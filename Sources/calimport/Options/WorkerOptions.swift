import ArgumentParser
import CalendarTargets
import Importer
import JobQueue
import Settings

/// The worker pool's tuning flags, shared by `work` and `run`. A flag not given takes its key
/// of the configuration (`CALIMPORT_<KEY>` from the environment, else the file), else the
/// built-in default; every value, wherever it came from, is checked by the key's rule.
struct WorkerOptions: ParsableArguments {
    @Option(name: .long, help: WorkerOptions.help("Dispatch slots: accounts imported at once", "worker.concurrency", WorkerSettings.defaults.pool.concurrency))
    var concurrency: Int?

    @Option(name: .long, help: WorkerOptions.help("Lease on each claimed job, in seconds; a silent worker's jobs are rescued after it", "worker.lease_seconds", WorkerSettings.defaults.pool.leaseDuration.seconds))
    var lease: Double?

    @Option(name: .long, help: WorkerOptions.help("Seconds between heartbeats (lease extension and rescue of expired leases)", "worker.heartbeat_seconds", WorkerSettings.defaults.pool.heartbeatInterval.seconds))
    var heartbeat: Double?

    @Option(name: .long, help: WorkerOptions.help("Seconds in-flight jobs may take to finish after SIGINT/SIGTERM; the rest are released", "worker.grace_seconds", WorkerSettings.defaults.pool.gracePeriod.seconds))
    var grace: Double?

    @Option(name: .long, help: WorkerOptions.help("Longest wait between claims when no notification arrives, in seconds (±20% jitter)", "worker.poll_interval_seconds", WorkerSettings.defaults.pool.pollInterval.seconds))
    var pollInterval: Double?

    @Option(name: .long, help: WorkerOptions.help("First retry backoff ceiling after a transient failure, in seconds", "retry.base_seconds", WorkerSettings.defaults.retry.base.seconds))
    var retryBase: Double?

    @Option(name: .long, help: WorkerOptions.help("Largest retry backoff ceiling, in seconds", "retry.cap_seconds", WorkerSettings.defaults.retry.cap.seconds))
    var retryCap: Double?

    @Option(name: .long, help: WorkerOptions.help("Requests in flight per target host, shared by all slots of this process (the ceiling of the adaptive limit)", "throttle.max_in_flight", WorkerSettings.defaults.throttle.maxInFlight))
    var maxInFlight: Int?

    @Option(name: .long, help: WorkerOptions.help("Requests started per second per target host, at most; 0 = no limit", "throttle.rate", WorkerSettings.defaults.throttle.rate ?? 0))
    var rate: Double?

    /// The effective settings. Throws ``SettingsError`` naming the flag, variable or key of a
    /// value out of range.
    func resolve(_ settings: Settings) throws -> WorkerSettings {
        WorkerSettings(pool: try pool(settings), throttle: try throttle(settings), retry: try retry(settings))
    }

    private func pool(_ settings: Settings) throws -> WorkerPool.Configuration {
        var pool = WorkerSettings.defaults.pool
        pool.concurrency = try settings.resolve("worker.concurrency", flag: concurrency, flagName: "--concurrency", default: pool.concurrency).value
        let leaseSeconds = try settings.resolve("worker.lease_seconds", flag: lease, flagName: "--lease", default: pool.leaseDuration.seconds)
        let heartbeatSeconds = try settings.resolve("worker.heartbeat_seconds", flag: heartbeat, flagName: "--heartbeat", default: pool.heartbeatInterval.seconds)
        try Settings.require(heartbeatSeconds.value < leaseSeconds.value,
                             "the heartbeat interval \(heartbeatSeconds) must be shorter than the lease \(leaseSeconds)")
        pool.leaseDuration = .seconds(leaseSeconds.value)
        pool.heartbeatInterval = .seconds(heartbeatSeconds.value)
        pool.gracePeriod = .seconds(try settings.resolve("worker.grace_seconds", flag: grace, flagName: "--grace", default: pool.gracePeriod.seconds).value)
        pool.pollInterval = .seconds(try settings.resolve("worker.poll_interval_seconds", flag: pollInterval, flagName: "--poll-interval", default: pool.pollInterval.seconds).value)
        return pool
    }

    private func retry(_ settings: Settings) throws -> RetryPolicy {
        let defaults = WorkerSettings.defaults.retry
        let base = try settings.resolve("retry.base_seconds", flag: retryBase, flagName: "--retry-base", default: defaults.base.seconds)
        let cap = try settings.resolve("retry.cap_seconds", flag: retryCap, flagName: "--retry-cap", default: defaults.cap.seconds)
        try Settings.require(cap.value >= base.value, "the retry cap \(cap) must be at least the retry base \(base)")
        return RetryPolicy(base: .seconds(base.value), cap: .seconds(cap.value))
    }

    private func throttle(_ settings: Settings) throws -> HostThrottle.Configuration {
        let defaults = WorkerSettings.defaults.throttle
        let maxInFlight = try settings.resolve("throttle.max_in_flight", flag: self.maxInFlight, flagName: "--max-in-flight", default: defaults.maxInFlight)
        let rate = try settings.resolve("throttle.rate", flag: self.rate, flagName: "--rate", default: defaults.rate ?? 0)
        return HostThrottle.Configuration(maxInFlight: maxInFlight.value, rate: rate.value > 0 ? rate.value : nil)
    }

    /// `TEXT (default: VALUE; configuration: KEY)`.
    private static func help(_ text: String, _ key: String, _ defaultValue: some SettingValue) -> ArgumentHelp {
        ArgumentHelp("\(text) (default: \(defaultValue.settingText); configuration: \(key)).")
    }
}
