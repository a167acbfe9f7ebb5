import ArgumentParser
import JobQueue

/// `calimport batch prune`: drops a finished batch's rows.
struct BatchPruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete a finished batch: its jobs, results, attempt history and per-event errors.",
        discussion: "Refused (exit 64) while any of its jobs is pending or running.")

    @Option(name: .long, help: "The batch.")
    var batch: String

    @OptionGroup var common: CommonOptions

    func run() throws {
        let deleted = try common.operate("batch") { try $0.pruneBatch(named: batch) }
        print("batch \(batch) pruned: \(deleted) jobs deleted")
    }
}
