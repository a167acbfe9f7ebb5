import ArgumentParser

/// `calimport pause`: workers stop claiming a batch's jobs; running ones finish.
struct PauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Stop workers from claiming the batch's jobs; running ones finish.")

    @OptionGroup var options: PauseOptions

    func run() throws { try options.setPaused(true) }
}
