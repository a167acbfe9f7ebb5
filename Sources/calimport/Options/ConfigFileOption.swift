import ArgumentParser
import Settings

/// `--config FILE`, accepted by every subcommand: the YAML configuration file (default
/// `CALIMPORT_CONFIG`). Parsing the command line loads and validates it with the `CALIMPORT_*`
/// environment, so a bad file or value stops any command before it starts (exit 64, naming the key).
struct ConfigFileOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("YAML configuration file (default: CALIMPORT_CONFIG); see `calimport config check`.", valueName: "file"))
    var config: String?

    /// The file in use: `--config`, else `CALIMPORT_CONFIG`, else none.
    var file: String? { config ?? SettingsStore.configurationFileFromEnvironment }

    func validate() throws {
        do {
            try SettingsStore.load(file: config)
        } catch let error as SettingsError {
            throw CommandFailure.fail(error.message, code: CommandFailure.usage)
        }
    }
}
