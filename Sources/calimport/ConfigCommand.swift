import ArgumentParser
import Foundation
import Settings

/// `calimport config …`: the configuration file.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Check a configuration file.", subcommands: [Check.self])

    /// `calimport config check`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the configuration (file and CALIMPORT_* environment) and print the effective values, secrets masked.",
            discussion: "Precedence: defaults < file < environment (CALIMPORT_<SECTION>_<KEY>) < flags.")

        @Option(name: .long, help: "The YAML file (default: CALIMPORT_CONFIG).")
        var config: String?

        func run() throws {
            let file = config ?? ProcessInfo.processInfo.environment["CALIMPORT_CONFIG"]
            do {
                let settings = try Settings.load(file: file)
                print(file.map { "configuration \($0): valid" } ?? "no configuration file; environment only")
                let lines = settings.describe()
                print(lines.isEmpty ? "(nothing set: defaults apply)" : lines.joined(separator: "\n"))
            } catch let error as SettingsError {
                throw CommandFailure.fail(error.message, code: ExitCode.validationFailure.rawValue)
            }
        }
    }
}
