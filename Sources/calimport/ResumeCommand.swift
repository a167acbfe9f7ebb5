import ArgumentParser
import JobQueue

/// `calimport resume`: workers claim a paused batch's jobs again.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Let workers claim the batch's jobs again (wakes idle workers).")

    @Option(name: .long, help: "The batch.")
    var batch: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = logging.makeLogger("calimport.resume")
        try OperatorFailure.reporting {
            try database.openQueue(logger: logger).setPaused(false, batchName: batch)
            print("batch \(batch) resumed")
        }
    }
}
