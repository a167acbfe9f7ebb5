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
}
