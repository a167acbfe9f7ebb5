import ArgumentParser
import JobQueue

/// `calimport pause`: workers stop claiming a batch's jobs; running ones finish.
struct PauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Stop workers from claiming the batch's jobs; running ones finish.")

    @Option(name: .long, help: "The batch.")
    var batch: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = logging.makeLogger("calimport.pause")
        try OperatorFailure.reporting {
            try database.openQueue(logger: logger).setPaused(true, batchName: batch)
            print("batch \(batch) paused")
        }
    }
}
