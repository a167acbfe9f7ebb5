import ArgumentParser
import JobQueue
import Settings

/// `--max-attempts N` of `submit` and `run`: the attempts each job of a new batch gets before it
/// fails for good, stored with the batch when it is created (a later submit of the same batch
/// keeps the stored value).
struct MaxAttemptsOption: ParsableArguments {
    @Option(name: .long, help: "Attempts per account before it fails for good, stored with a new batch (default: \(BatchDefinition.defaultMaxAttempts); configuration: retry.max_attempts).")
    var maxAttempts: Int?

    /// The effective value: the flag, else `retry.max_attempts`, else the default.
    func resolve(_ settings: Settings) throws -> Int {
        try settings.resolve("retry.max_attempts", flag: maxAttempts, flagName: "--max-attempts", default: BatchDefinition.defaultMaxAttempts).value
    }
}
