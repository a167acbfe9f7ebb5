import ArgumentParser
import CalendarTargets
import EmbeddedPostgres
import Foundation
import ICalendar
import Importer
import JobQueue
import Logging
import Postgres

/// `calimport run`: the whole migration in one command — check the target, submit, work with a
/// live progress display until nothing is left, print the summary and write the HTML report.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "One-shot migration: check the target, submit, work until done with live progress, summarize, write the HTML report.",
        discussion: """
            Uses the embedded database unless --database-url, database.url of the configuration or \
            DATABASE_URL is given. The report goes to --report, else next to the state directory \
            (calimport-report-BATCH.html).

            The target, the attempts and the worker tuning flags take their defaults from the \
            configuration (--config or CALIMPORT_CONFIG, and CALIMPORT_* variables; see \
            `calimport config check`): flag > environment > file > built-in default.

            Exit codes: 0 all accounts succeeded; 1 finished with failed, partial or cancelled accounts; 3 source problem; \
            4 target unreachable or refusing credentials; 5 database problem; 64 bad usage; 130 interrupted.
            """)

    @Option(name: .long, help: "Batch name (default: run-YYYYMMDD-HHMMSS, UTC).")
    var batch: String?

    @OptionGroup var sources: AccountSourceOptions

    @OptionGroup var target: TargetOption

    @OptionGroup var choices: ImportOptions

    @OptionGroup var attempts: MaxAttemptsOption
    @OptionGroup var tuning: WorkerOptions

    @Option(name: .long, help: "Where to write the HTML report.")
    var report: String?

    @OptionGroup var window: WindowOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let logger = common.makeLogger("calimport.run")
        let code = try CommandFailure.reporting { () throws -> Int32 in
            let settings = try SettingsStore.current()
            let workerSettings = try tuning.resolve(settings)
            let maxAttempts = try attempts.resolve(settings)
            let targetURL = choices.applied(to: try target.resolve(settings))
            let window = try window.window()
            let plan = try sources.plan()
            let name = batch ?? Self.defaultBatchName()
            // On a terminal, log records go to a file until the display ends (errors are printed
            // after it, on the terminal: `reporting` prints them once this body has returned).
            let logs = TerminalLogRedirect.ifDrawingOnATerminal(directory: Self.stateDirectory().appendingPathComponent("logs"), batch: name)
            if let logs { print("logs: \(logs.path)") }
            defer { logs?.restore() }
            let submission = BatchSubmission(
                name: name, sources: sources, target: targetURL,
                window: window, mode: choices.mode, maxAttempts: maxAttempts)
            try submission.check(plan)
            guard !plan.enqueued.isEmpty else { throw AccountSourceError("no accounts found in \(sources.layout.source)") }
            try TargetCheckRunner.run(targetURL, accounts: [], logger: logger) { print($0) }
            let databaseURL = try common.database.resolveURL()
            let queue = try JobQueue.open(url: databaseURL, logger: logger)
            try submission.submit(to: queue)
            let interrupted = try work(workerSettings, databaseURL: databaseURL, queue: queue, batch: name, logger: logger)
            return try finish(queue, batch: name, interrupted: interrupted)
        }
        if code != 0 { throw ExitCode(code) }
    }

    /// Runs a worker pool until the queue is idle (or Ctrl-C), showing progress meanwhile.
    /// Returns whether it was interrupted.
    private func work(_ settings: WorkerSettings, databaseURL: String, queue: JobQueue, batch: String, logger: Logger) throws -> Bool {
        var configuration = settings.pool
        configuration.untilIdle = true
        let importer = try settings.makeImporter()
        let pool = WorkerPool(databaseURL: databaseURL, configuration: configuration, runner: importer, logger: logger)
        let runner = PoolRunner(pool)
        let signals = SignalHandlers { runner.interrupt() }
        defer { signals.cancel() }
        let display = WatchDisplay()
        let interval = display.isTerminal ? 1.0 : 10.0
        func showProgress() {
            guard let snapshot = try? ProgressSnapshot.read(queue, batch: batch) else { return }
            display.show(ProgressFrame(snapshot, interval: interval, title: "calimport run", hint: "Ctrl-C stops claiming, in-flight accounts finish"))
        }
        repeat { showProgress() } while !runner.waitForExit(timeout: interval)
        showProgress()  // the end
        display.finish()
        importer.close(logger: logger)
        try runner.rethrow()
        return runner.wasInterrupted
    }

    /// Prints the summary, writes the report and returns the exit code.
    private func finish(_ queue: JobQueue, batch: String, interrupted: Bool) throws -> Int32 {
        let snapshot = try ProgressSnapshot.read(queue, batch: batch)
        guard let (status, rates) = snapshot.batches.first else { return CommandFailure.database }
        print("")
        print(try BatchDetails.read(queue, status: status, rates: rates, full: false).text())
        let path = report ?? Self.defaultReportPath(batch: batch)
        try ReportWriter.write(queue, batch: batch, format: .html, to: path)
        print("report: \(path)")
        if interrupted { return CommandFailure.interrupted }
        if status.failed > 0 || status.cancelled > 0 || status.partial > 0 {
            var parts = ["\(status.failed) failed"]
            if status.partial > 0 { parts.append("\(status.partial) partial (some components refused)") }
            if status.cancelled > 0 { parts.append("\(status.cancelled) cancelled") }
            print("finished with \(parts.joined(separator: ", ")) accounts: see `calimport failures --batch \(batch)`, fix the cause, "
                  + "then `calimport retry --batch \(batch) --failed` (or `--partial`)")
            return CommandFailure.failedAccounts
        }
        print("all \(status.succeeded) accounts succeeded")
        return 0
    }

    static func defaultBatchName(_ date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "'run-'yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }

    /// `calimport-report-BATCH.html` in the directory that holds the state directory.
    static func defaultReportPath(batch: String) -> String {
        stateDirectory().deletingLastPathComponent().appendingPathComponent("calimport-report-\(batch).html").path
    }

    /// The state directory: `home` of the configuration, default ./.calimport.
    static func stateDirectory() -> URL {
        ((try? DatabaseOptions.embeddedCluster().home) ?? EmbeddedCluster.defaultHome()).standardizedFileURL
    }
}
