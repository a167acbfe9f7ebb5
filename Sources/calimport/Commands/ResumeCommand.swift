import ArgumentParser

/// `calimport resume`: workers claim a paused batch's jobs again.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Let workers claim the batch's jobs again (wakes idle workers).")

    @OptionGroup var options: PauseOptions

    func run() throws { try options.setPaused(false) }
}
