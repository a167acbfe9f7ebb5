import ArgumentParser
import Foundation
import JobQueue

/// `calimport failures`: what went wrong, per account.
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
            let failures = try queue.failures(batchName: batch)
            if json {
                for failure in failures { print(try StableJSON.line(failure)) }
            } else {
                failures.forEach { print(Self.describe($0)) }
                print("\(failures.filter { $0.state == .failed }.count) failed accounts, "
                    + "\(failures.filter { $0.state != .failed }.count) imported with refused events")
            }
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
