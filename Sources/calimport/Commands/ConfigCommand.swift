import ArgumentParser
import CalendarTargets
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
            discussion: """
                Precedence: flags > environment (CALIMPORT_<SECTION>_<KEY>) > file > built-in \
                defaults. Exit 64 on an unknown key, a value of the wrong type or out of range, or a \
                bad target URL. Credential files are not opened and the target is not reached: \
                `calimport check` does that.

                Keys, with their environment variable:
                \(keyList)
                """)

        @OptionGroup var configFile: ConfigFileOption

        func run() throws {
            // ConfigFileOption has loaded and validated each value while the command line was parsed.
            let settings = try SettingsStore.current()
            try CommandFailure.reporting { try Self.checkCombinations(settings) }
            print(configFile.file.map { "configuration \($0): valid" } ?? "no configuration file; environment only")
            print(settings.describe(defaults: ConfigurationDefaults.values()).joined(separator: "\n"))
        }

        /// What no single key can check: the worker settings together (heartbeat shorter than
        /// the lease, retry cap at least the base) and the target URL.
        static func checkCombinations(_ settings: Settings) throws {
            _ = try WorkerOptions.parse([]).resolve(settings)
            guard let target = try settings.resolve("target.url", flag: String?.none, flagName: "--target") else { return }
            do {
                _ = try TargetURL(target.value)
            } catch let error as CalendarTargetError {
                throw SettingsError(code: .invalidValue, message: "\(target.origin): \(error.message)")
            }
        }

        /// Two lines per key: `  name, VARIABLE` and its summary, indented.
        static var keyList: String {
            SettingKey.known.map { "  \($0.name), \($0.environmentVariable)\n      \($0.summary)" }.joined(separator: "\n")
        }
    }
}
