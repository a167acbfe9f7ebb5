import Foundation
import Logging

/// Makes sure `LoggingSystem.bootstrap` runs once per process.
enum LoggingBootstrap {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var done = false

    /// Bootstraps swift-log with standard-error handlers of `format` at `level`, unless it was
    /// done already in this process.
    static func once(level: Logger.Level, format: LoggingOptions.Format) {
        lock.withLock {
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap { label in
                switch format {
                case .text:
                    var handler = StreamLogHandler.standardError(label: label)
                    handler.logLevel = level
                    return handler
                case .json:
                    var handler = JSONLogHandler(label: label)
                    handler.logLevel = level
                    return handler
                }
            }
        }
    }
}
