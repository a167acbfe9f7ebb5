import ArgumentParser
import Foundation
import JobQueue

/// `calimport failures`: what went wrong, per account, streamed as `jobs` is.
struct FailuresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "failures",
        abstract: "Per failed account: attempts, last error class and message, HTTP status, and the per-event errors.",
        discussion: "Accounts imported with some events refused are listed too (state succeeded). With --json: one object per account per line.")

    @Option(name: .long, help: "The batch.")
    var batch: String

    @Flag(name: .long, help: "One JSON object per account, one per line.")
    var json = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.operate("failures") { queue in
            let output = StreamedLines()
            var failed = 0, partial = 0
            try queue.failures(batchName: batch) { failure in
                if failure.state == .failed { failed += 1 } else { partial += 1 }
                output.write(json ? try StableJSON.line(failure) : Self.describe(failure))
            }
            if !json { output.write("\(failed) failed accounts, \(partial) imported with refused events") }
            output.finish()
        }
    }

    static func describe(_ failure: AccountFailure) -> String {
        var head = "\(failure.account): \(failure.state.rawValue) after \(failure.attempts) attempt\(failure.attempts == 1 ? "" : "s")"
        if let errorClass = failure.errorClass { head += ", \(errorClass) \(failure.errorCode ?? "")" }
        if let status = failure.httpStatus { head += ", HTTP \(status)" }
        if let message = failure.message { head += ": \(message)" }
        let items = failure.itemErrors.map { item in
            "  event \(item.uid ?? "(no UID)")\(item.recurrenceID.map { " RECURRENCE-ID \($0)" } ?? ""): \(item.reason)"
        }
        return ([head] + items).joined(separator: "\n")
    }
}
