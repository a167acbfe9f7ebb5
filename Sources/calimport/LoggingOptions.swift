import ArgumentParser
import Foundation
import Logging

/// `--log-level`, and the one-time logging bootstrap (standard error, human-readable).
struct LoggingOptions: ParsableArguments {
    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical (default: CALIMPORT_LOG_LEVEL, else info).")
    var logLevel: String?

    /// Bootstraps swift-log and returns the command's logger.
    func makeLogger(_ label: String) -> Logger {
        let text = logLevel ?? ProcessInfo.processInfo.environment["CALIMPORT_LOG_LEVEL"] ?? "info"
        let level = Logger.Level(rawValue: text.lowercased()) ?? .info
        LoggingBootstrap.once(level: level)
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}

/// Makes sure `LoggingSystem.bootstrap` runs once per process.
enum LoggingBootstrap {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var done = false

    static func once(level: Logger.Level) {
        lock.withLock {
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
