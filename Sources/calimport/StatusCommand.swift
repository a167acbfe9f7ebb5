import ArgumentParser
import Foundation
import JobQueue

/// `calimport status`: per-batch counts.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print each batch's accounts by state, events imported and failed accounts.",
        discussion: "With --json: one JSON object per batch per line (see the README for the fields).")

    @Option(name: .long, help: "Only this batch.")
    var batch: String?

    @Flag(name: .long, help: "One JSON object per batch, one per line.")
    var json = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = logging.makeLogger("calimport.status")
        try CommandFailure.reporting {
            let queue = try database.openQueue(logger: logger)
            let statuses = try queue.status(batchName: batch)
            if let batch, statuses.isEmpty {
                throw CommandFailure.fail("no batch named '\(batch)'", code: ExitCode.validationFailure.rawValue)
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                for status in statuses { print(String(decoding: try encoder.encode(status), as: UTF8.self)) }
            } else {
                statuses.forEach { print(Self.describe($0)) }
            }
        }
    }

    static func describe(_ status: BatchStatus) -> String {
        var lines = ["\(status.batch)\(status.paused ? " (paused)" : ""): \(status.total) accounts: "
            + "\(status.pending) pending, \(status.running) running, \(status.succeeded) succeeded, "
            + "\(status.failed) failed, \(status.cancelled) cancelled; \(status.eventsImported) events imported"]
        for failure in status.failedAccounts.prefix(20) {
            lines.append("  failed \(failure.account): \(failure.reason)")
        }
        if status.failedAccounts.count > 20 {
            lines.append("  … and \(status.failedAccounts.count - 20) more failed accounts (see status --json)")
        }
        return lines.joined(separator: "\n")
    }
}
