import ArgumentParser
import Dispatch
import Foundation
import JobQueue

/// `calimport status`: per-batch counts, pace and failures; `--watch` keeps them on screen.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print each batch's accounts by state, events imported, pace, ETA and failed accounts.",
        discussion: """
            With --batch: also the slowest running accounts and the failures by class.
            With --json: one JSON object per batch per line (see the README for the fields).
            With --watch: redraws every --interval seconds on a terminal (one summary line per batch
            and interval otherwise) until Ctrl-C.
            """)

    @Option(name: .long, help: "Only this batch.")
    var batch: String?

    @Flag(name: .long, help: "One JSON object per batch, one per line.")
    var json = false

    @Flag(name: .long, help: "Keep the display up to date until Ctrl-C.")
    var watch = false

    @Option(name: .long, help: "Seconds between two readings with --watch.")
    var interval: Double = 2

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard interval >= 0.2, interval <= 3600 else { throw ValidationError("--interval must be between 0.2 and 3600 seconds") }
    }

    func run() throws {
        let logger = common.makeLogger("calimport.status")
        try CommandFailure.reporting {
            let queue = try common.openQueue(logger: logger)
            if let batch, try queue.batch(named: batch) == nil {
                throw CommandFailure.fail("no batch named '\(batch)'", code: ExitCode.validationFailure.rawValue)
            }
            if watch {
                try watchLoop(queue)
            } else {
                try printOnce(queue)
            }
        }
    }

    private func printOnce(_ queue: JobQueue) throws {
        let snapshot = try ProgressSnapshot.read(queue, batch: batch)
        for (status, rates) in snapshot.batches {
            let details = try BatchDetails.read(queue, status: status, rates: rates, full: batch != nil)
            print(json ? try details.jsonLine() : details.text())
        }
    }

    private func watchLoop(_ queue: JobQueue) throws {
        let interrupted = DispatchSemaphore(value: 0)
        let signals = SignalHandlers { interrupted.signal() }
        defer { signals.cancel() }
        let display = WatchDisplay()
        defer { display.finish() }
        repeat {
            let snapshot = try ProgressSnapshot.read(queue, batch: batch)
            if json {
                for (status, rates) in snapshot.batches {
                    print(try BatchDetails.read(queue, status: status, rates: rates, full: batch != nil).jsonLine())
                }
                fflush(nil)
            } else {
                display.show(ProgressFrame(snapshot, interval: interval, title: "calimport status", hint: "Ctrl-C to leave"))
            }
        } while interrupted.wait(timeout: .now() + interval) == .timedOut
    }
}
