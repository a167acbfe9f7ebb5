import ArgumentParser
import JobQueue

/// `calimport resume`: workers claim a paused batch's jobs again.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Let workers claim the batch's jobs again (wakes idle workers).")

    @Option(name: .long, help: "The batch.")
    var batch: String

    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.operate("resume") { try $0.setPaused(false, batchName: batch) }
        print("batch \(batch) resumed")
    }
}
