import ArgumentParser
import Foundation
import JobQueue

/// `calimport jobs`: the accounts of a batch, one per line, streamed (a cursor reads them a
/// thousand at a time; the first line is out before the last account is read).
struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "List a batch's accounts with state, attempts, events imported/skipped/failed, derived UIDs, duration, live progress and last error.",
        discussion: "With --json: one JSON object per account per line (see the README for the fields).")

    @Option(name: .long, help: "The batch.")
    var batch: String

    @Option(name: .long, help: "Only accounts in this state: pending, running, succeeded, partial (some components refused), failed or cancelled.")
    var state: AccountState?

    @Option(name: .long, help: "Only accounts matching this glob (* and ?), e.g. '*@sales.example.com'.")
    var account: String?

    @Flag(name: .long, help: "One JSON object per account, one per line.")
    var json = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let logger = common.makeLogger("calimport.jobs")
        try CommandFailure.reporting {
            let queue = try common.openQueue(logger: logger)
            guard try queue.batch(named: batch) != nil else {
                throw CommandFailure.fail("no batch named '\(batch)'", code: ExitCode.validationFailure.rawValue)
            }
            let output = StreamedLines()
            if !json { output.write(Self.header) }
            try queue.accountJobs(AccountJobFilter(batch: batch, state: state, accountGlob: account)) { job in
                output.write(json ? try StableJSON.line(job) : Self.line(job))
            }
            output.finish()
        }
    }

    static let header = "account".padding(toLength: 40, withPad: " ", startingAt: 0)
        + " state      attempts imported  skipped   failed  derived  duration  progress               last error"

    static func line(_ job: AccountJob) -> String {
        let name = job.account == job.targetAccount ? job.account : "\(job.account) -> \(job.targetAccount)"
        let cells = [job.state.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0), pad(job.attempts, 8), pad(job.imported, 8),
                     pad(job.skipped, 8), pad(job.failed, 8), pad(job.derivedUIDs, 8), pad(String(format: "%.2fs", Double(job.durationMs) / 1000), 9)]
        // A running account's phase and components pushed; nothing once it ended.
        let progress = job.state == .running ? ProgressLine.phase(job.progress) : ""
        return name.padding(toLength: max(40, name.count), withPad: " ", startingAt: 0) + " " + cells.joined(separator: " ")
            + "  " + progress.padding(toLength: max(21, progress.count), withPad: " ", startingAt: 0) + "  " + (job.lastError ?? "")
    }

    private static func pad(_ value: some CustomStringConvertible, _ width: Int) -> String {
        let text = value.description
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
