import ArgumentParser
import JobQueue

/// `calimport cancel`: pending jobs become `cancelled`; running ones stop at their next checkpoint.
struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a batch's pending jobs (or only those of the given accounts); running ones end cancelled at their next checkpoint.",
        discussion: "A running job that completes its import before it reaches a checkpoint stays succeeded.")

    @Option(name: .long, help: "The batch.")
    var batch: String

    @Option(name: .long, help: "Only this account (repeatable).")
    var account: [String] = []

    @OptionGroup var common: CommonOptions

    func run() throws {
        let result = try common.operate("cancel") { try $0.cancel(batchName: batch, accounts: account.isEmpty ? nil : account) }
        print("\(result.cancelled) pending jobs cancelled; \(result.stopping) running jobs asked to stop")
    }
}
