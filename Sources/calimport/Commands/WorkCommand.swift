import ArgumentParser
import Dispatch
import Foundation
import Importer
import JobQueue
import Telemetry

/// `calimport work`: runs a worker pool against the queue.
struct WorkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "work",
        abstract: "Claim and run import jobs until stopped (SIGINT/SIGTERM) or, with --until-idle, until none is left.",
        discussion: """
            A first SIGINT/SIGTERM stops claiming and lets in-flight jobs finish; a second one exits at once.

            Each tuning flag not given takes its key of the configuration (--config or CALIMPORT_CONFIG, \
            and CALIMPORT_<SECTION>_<KEY> variables; see `calimport config check`), else the default \
            shown: flag > environment > file > built-in default. Target credentials come from the \
            environment, else from the credential files the configuration names.
            """)

    @OptionGroup var tuning: WorkerOptions

    @Flag(name: .long, help: "Exit 0 once nothing is pending or running in the database (any batch, any process).")
    var untilIdle = false

    @Option(name: .long, help: "Serve Prometheus metrics at http://HOST:PORT/metrics (and /healthz), e.g. 0.0.0.0:9464.")
    var metricsListen: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let logger = common.makeLogger("calimport.work")
        try CommandFailure.reporting {
            let settings = try tuning.resolve(try SettingsStore.current())
            let importer = try settings.makeImporter()
            let pool = WorkerPool(databaseURL: try common.database.resolveURL(), configuration: poolConfiguration(settings), runner: importer, logger: logger)
            if let metricsListen {
                try MetricsEndpoint.bootstrap().startBlocking(address: metricsListen, logger: logger)
            }
            let signals = SignalHandlers { pool.stop() }
            defer { signals.cancel() }
            try pool.run()
            importer.close(logger: logger)
        }
    }

    private func poolConfiguration(_ settings: WorkerSettings) -> WorkerPool.Configuration {
        var configuration = settings.pool
        configuration.untilIdle = untilIdle
        configuration.publishesQueueDepth = metricsListen != nil
        return configuration
    }
}
