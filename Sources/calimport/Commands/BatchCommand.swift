import ArgumentParser

/// `calimport batch`: batch housekeeping.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Batch housekeeping.",
        subcommands: [BatchPruneCommand.self])
}
