import ArgumentParser
import JobQueue

/// `calimport pause`: workers stop claiming a batch's jobs; running ones finish.
struct PauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Stop workers from claiming the batch's jobs; running ones finish.")

    @Option(name: .long, help: "The batch.")
    var batch: String

    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.operate("pause") { try $0.setPaused(true, batchName: batch) }
        print("batch \(batch) paused")
    }
}
