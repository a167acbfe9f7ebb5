import Foundation
import Importer
import JobQueue
import Logging

/// The queue benchmark's Swift side (ops/bench/queue drives it):
///
///     calimport-queue-bench enqueue URL COUNT        # JobQueue.submit of COUNT accounts
///     calimport-queue-bench work URL SLOTS JOBS      # WorkerPool with a no-op runner
///     calimport-queue-bench wake URL ROUNDS          # submit → job started, at an idle worker
///     calimport-queue-bench pgbench-script           # the claim loop's statement, for pgbench
///
/// Each measurement prints one line `name value` (seconds or jobs/s) on standard output.
@main
struct QueueBenchmark {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let logger = Logger(label: "calimport.bench")
        switch arguments.first {
        case "enqueue" where arguments.count == 3:
            try enqueue(url: arguments[1], count: Int(arguments[2]) ?? 0, logger: logger)
        case "work" where arguments.count == 4:
            try work(url: arguments[1], slots: Int(arguments[2]) ?? 1, jobs: Int(arguments[3]) ?? 0, logger: logger)
        case "wake" where arguments.count == 3:
            try wake(url: arguments[1], rounds: Int(arguments[2]) ?? 20, logger: logger)
        case "pgbench-script" where arguments.count == 1:
            print(PgbenchScript.recordAndClaim())
        default:
            FileHandle.standardError.write(Data("usage: calimport-queue-bench enqueue URL COUNT | work URL SLOTS JOBS | wake URL ROUNDS | pgbench-script\n".utf8))
            exit(64)
        }
    }

    static func definition(_ name: String) -> BatchDefinition {
        BatchDefinition(name: name, source: "/nonexistent", target: "file:///nonexistent")
    }

    static func enqueue(url: String, count: Int, logger: Logger) throws {
        let queue = try JobQueue.open(url: url, logger: logger)
        let accounts = (0..<count).map { "user\($0)@bench.example" }
        let start = Date()
        let result = try queue.submit(definition("enqueue-\(count)"), accounts: accounts)
        let seconds = Date().timeIntervalSince(start)
        precondition(result.accountsAdded == count, "expected \(count) new accounts, got \(result.accountsAdded)")
        print("enqueue_seconds \(String(format: "%.2f", seconds))")
    }

    static func work(url: String, slots: Int, jobs: Int, logger: Logger) throws {
        let queue = try JobQueue.open(url: url, logger: logger)
        _ = try queue.submit(definition("work-\(slots)"), accounts: (0..<jobs).map { "user\($0)@bench.example" })
        var configuration = WorkerPool.Configuration()
        configuration.concurrency = slots
        configuration.untilIdle = true
        configuration.pollInterval = .milliseconds(50)
        let pool = WorkerPool(databaseURL: url, configuration: configuration, runner: NoOpRunner(), logger: logger)
        let start = Date()
        try pool.run()
        let seconds = Date().timeIntervalSince(start)
        let done = try queue.status(batchName: "work-\(slots)").first?.succeeded ?? 0
        precondition(done == jobs, "expected \(jobs) succeeded jobs, got \(done)")
        print("calimport_jobs_per_second \(String(format: "%.0f", Double(jobs) / seconds))")
    }

    /// Submits one account at a time to an idle one-slot worker that polls only every 30 s and
    /// measures how long each took to reach the runner: the LISTEN/NOTIFY path. The first
    /// round (the worker starting) is not counted. Prints the median and the slowest.
    static func wake(url: String, rounds: Int, logger: Logger) throws {
        let queue = try JobQueue.open(url: url, logger: logger)
        var configuration = WorkerPool.Configuration()
        configuration.concurrency = 1
        configuration.pollInterval = .seconds(30)
        let runner = ArrivalRunner()
        let pool = WorkerPool(databaseURL: url, configuration: configuration, runner: runner, logger: logger)
        let stopped = DispatchSemaphore(value: 0)
        Thread {
            try? pool.run()
            stopped.signal()
        }.start()
        var latencies: [Double] = []
        for round in 0...rounds {
            Thread.sleep(forTimeInterval: Double.random(in: 0.3...0.6))  // let the worker go idle
            let submitted = Date()
            _ = try queue.submit(definition("wake-\(round)"), accounts: ["user\(round)@bench.example"])
            guard let arrival = runner.nextArrival(timeout: 60) else {
                FileHandle.standardError.write(Data("wake: round \(round) never reached the worker\n".utf8))
                exit(1)
            }
            if round > 0 { latencies.append(arrival.timeIntervalSince(submitted) * 1000) }
        }
        pool.stop()
        stopped.wait()
        latencies.sort()
        print("wake_median_ms \(String(format: "%.1f", latencies[latencies.count / 2])) wake_max_ms \(String(format: "%.1f", latencies.last ?? 0))")
    }
}
