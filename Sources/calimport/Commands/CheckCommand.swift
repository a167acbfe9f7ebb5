import ArgumentParser
import CalendarTargets
import Foundation

/// `calimport check`: reach and authenticate the target, and find the calendar of each
/// `--account`, without writing anything.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a target before importing: reach it, authenticate, and with --account find that account's calendar. Writes nothing.",
        discussion: "Exit 0 when usable, 4 when unreachable, refusing the credentials or missing any of the accounts.")

    @OptionGroup var target: TargetOption

    @Option(name: .long, help: "An account whose calendar must be found (repeat for several).")
    var account: [String] = []

    @OptionGroup var configFile: ConfigFileOption
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = logging.makeLogger("calimport.check")
        try CommandFailure.reporting {
            try TargetCheckRunner.run(try target.resolve(try SettingsStore.current()), accounts: account, logger: logger) { print($0) }
        }
    }
}
