import ArgumentParser
import CalendarTargets
import Dispatch
import Foundation
import HTTPTransport
import Importer
import JobQueue
import Telemetry

/// `calimport work`: runs a worker pool against the queue.
struct WorkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "work",
        abstract: "Claim and run import jobs until stopped (SIGINT/SIGTERM) or, with --until-idle, until none is left.",
        discussion: "A first SIGINT/SIGTERM stops claiming and lets in-flight jobs finish; a second one exits at once.")

    @Option(name: .long, help: "Dispatch slots: accounts imported at once.")
    var concurrency: Int = 16

    @Flag(name: .long, help: "Exit 0 once nothing is pending or running in the database (any batch, any process).")
    var untilIdle = false

    @Option(name: .long, help: "Lease on each claimed job, in seconds; a silent worker's jobs are rescued after it.")
    var lease: Double = 60

    @Option(name: .long, help: "Seconds between heartbeats (lease extension and rescue of expired leases).")
    var heartbeat: Double = 10

    @Option(name: .long, help: "Seconds in-flight jobs may take to finish after SIGINT/SIGTERM; the rest are released.")
    var grace: Double = 30

    @Option(name: .long, help: "Longest wait between claims when no notification arrives, in seconds (±20% jitter).")
    var pollInterval: Double = 2

    @Option(name: .long, help: "First retry backoff ceiling after a transient failure, in seconds.")
    var retryBase: Double = 5

    @Option(name: .long, help: "Largest retry backoff ceiling, in seconds.")
    var retryCap: Double = 900

    @Option(name: .long, help: "Requests in flight per target host, shared by all slots of this process (the ceiling of the adaptive limit).")
    var maxInFlight: Int = 8

    @Option(name: .long, help: "Requests started per second per target host, at most (default: no limit).")
    var rate: Double?

    @Option(name: .long, help: "Serve Prometheus metrics at http://HOST:PORT/metrics (and /healthz), e.g. 0.0.0.0:9464.")
    var metricsListen: String?

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard (1...1024).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 1024") }
        guard lease > 0, heartbeat > 0, heartbeat < lease else {
            throw ValidationError("--lease and --heartbeat must be positive, the heartbeat shorter than the lease")
        }
        guard grace >= 0, pollInterval > 0, retryBase >= 0, retryCap >= retryBase else {
            throw ValidationError("--grace, --poll-interval, --retry-base and --retry-cap must be positive, the cap at least the base")
        }
        guard (1...1024).contains(maxInFlight) else { throw ValidationError("--max-in-flight must be between 1 and 1024") }
        guard (rate ?? 1) > 0 else { throw ValidationError("--rate must be positive") }
    }

    func run() throws {
        let logger = logging.makeLogger("calimport.work")
        try CommandFailure.reporting {
            _ = try TargetCredentials.fromEnvironment()  // a bad password file stops the worker before it claims anything
            let importer = AccountImporter(
                httpClient: HTTPClient(), throttle: HostThrottle.Configuration(maxInFlight: maxInFlight, rate: rate),
                retryPolicy: RetryPolicy(base: retryBase, cap: retryCap))
            let pool = WorkerPool(databaseURL: try database.resolveURL(), configuration: poolConfiguration, runner: importer, logger: logger)
            if let metricsListen {
                try MetricsEndpoint.bootstrap().startBlocking(address: metricsListen, logger: logger)
            }
            let signals = SignalHandlers { pool.stop() }
            defer { signals.cancel() }
            try pool.run()
            importer.close(logger: logger)
        }
    }

    private var poolConfiguration: WorkerPool.Configuration {
        var configuration = WorkerPool.Configuration()
        configuration.concurrency = concurrency
        configuration.untilIdle = untilIdle
        configuration.leaseDuration = lease
        configuration.heartbeatInterval = heartbeat
        configuration.gracePeriod = grace
        configuration.pollInterval = pollInterval
        configuration.publishesQueueDepth = metricsListen != nil
        return configuration
    }
}

/// SIGINT/SIGTERM: the first calls `onFirst`, the second exits at once.
final class SignalHandlers: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var received = 0

    init(onFirst: @escaping @Sendable () -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                let count = lock.withLock { received += 1; return received }
                if count == 1 {
                    FileHandle.standardError.write(Data("calimport: stopping: finishing in-flight jobs (signal again to exit at once)\n".utf8))
                    onFirst()
                } else {
                    exit(130)
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        sources.forEach { $0.cancel() }
    }
}
