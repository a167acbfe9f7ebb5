import ArgumentParser
import CalendarTargets
import Dispatch
import Foundation
import HTTPTransport
import Importer
import JobQueue

/// `calimport work`: runs a worker pool against the queue.
struct WorkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "work",
        abstract: "Claim and run import jobs until stopped (SIGINT/SIGTERM) or, with --until-idle, until none is left.",
        discussion: "A first SIGINT/SIGTERM stops claiming and lets in-flight jobs finish; a second one exits at once.")

    @Option(name: .long, help: "Dispatch slots: accounts imported at once.")
    var concurrency: Int = 16

    @Flag(name: .long, help: "Exit 0 once nothing is pending or running.")
    var untilIdle = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard (1...1024).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 1024") }
    }

    func run() throws {
        let logger = logging.makeLogger("calimport.work")
        try CommandFailure.reporting {
            var configuration = WorkerPool.Configuration()
            configuration.concurrency = concurrency
            configuration.untilIdle = untilIdle
            let importer = AccountImporter(
                httpClient: HTTPClient(), credentials: try TargetCredentials.fromEnvironment(), retryPolicy: RetryPolicy())
            let pool = WorkerPool(databaseURL: try database.resolveURL(), configuration: configuration, importer: importer, logger: logger)
            let signals = SignalHandlers { pool.stop() }
            defer { signals.cancel() }
            try pool.run()
        }
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
