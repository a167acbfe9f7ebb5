import ArgumentParser
import Foundation
import Logging

/// `--log-level` and `--log-format`, and the one-time logging bootstrap (standard error).
struct LoggingOptions: ParsableArguments {
    /// How log lines look.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        /// One readable line per event (swift-log's stream handler).
        case text
        /// One JSON object per line (see JSONLogHandler).
        case json
    }

    /// The level when neither the flag nor the configuration sets one.
    static let defaultLevel = Logger.Level.info
    /// The format when neither the flag nor the configuration sets one.
    static let defaultFormat = Format.text

    @Option(name: .long, help: "Least severe level logged (default: log.level of the configuration, else \(LoggingOptions.defaultLevel.rawValue)).")
    var logLevel: Logger.Level?

    @Option(name: .long, help: "text or json (one object per line) (default: log.format of the configuration, else \(LoggingOptions.defaultFormat.rawValue)).")
    var logFormat: Format?

    /// Bootstraps swift-log and returns the command's logger: flag > configuration > default.
    func makeLogger(_ label: String) -> Logger {
        let settings = try? SettingsStore.current()
        let level = logLevel ?? settings?.string("log.level").flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? Self.defaultLevel
        let format = logFormat ?? settings?.string("log.format").flatMap { Format(rawValue: $0.lowercased()) } ?? Self.defaultFormat
        LoggingBootstrap.once(level: level, format: format)
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}
