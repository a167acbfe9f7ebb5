import ArgumentParser

/// `--batch NAME` and the common options of `pause` and `resume`, and what both do: set the
/// batch's paused flag.
struct PauseOptions: ParsableArguments {
    @Option(name: .long, help: "The batch.")
    var batch: String

    @OptionGroup var common: CommonOptions

    /// Sets the batch's paused flag (workers stop claiming its jobs, or claim them again and
    /// idle ones are woken) and says so.
    func setPaused(_ paused: Bool) throws {
        try common.operate(paused ? "pause" : "resume") { try $0.setPaused(paused, batchName: batch) }
        print("batch \(batch) \(paused ? "paused" : "resumed")")
    }
}
