import ArgumentParser
import JobQueue
import Logging

/// The options of every command that uses the queue: `--config FILE`, `--database-url URL`,
/// `--log-level LEVEL` and `--log-format text|json`.
struct CommonOptions: ParsableArguments {
    @OptionGroup var configFile: ConfigFileOption
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    /// Bootstraps logging and returns the command's logger (see ``LoggingOptions/makeLogger(_:)``).
    func makeLogger(_ label: String) -> Logger { logging.makeLogger(label) }

    /// The job queue, schema migrated if it was missing (see ``DatabaseOptions/openQueue(logger:)``).
    func openQueue(logger: Logger) throws -> JobQueue { try database.openQueue(logger: logger) }

    /// What the operator commands that change or read one batch (pause, resume, cancel, retry,
    /// failures, batch prune) do around their work: bootstraps logging as `calimport.LABEL`,
    /// opens the queue and runs `body` with it, a missing or unfinished batch reported as bad
    /// usage and other errors as ``CommandFailure`` reports them (see ``OperatorFailure``).
    func operate<T>(_ label: String, _ body: (JobQueue) throws -> T) throws -> T {
        let logger = makeLogger("calimport.\(label)")
        return try OperatorFailure.reporting { try body(try openQueue(logger: logger)) }
    }
}
