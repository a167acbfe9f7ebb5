import Foundation
import Logging
import Postgres

/// Tells an idle worker when work may have arrived: LISTENs on ``JobQueue/notificationChannel``
/// (which `submit` and `retry` notify) on a connection of its own, and blocks in `poll()` on its
/// socket, so a notification wakes the worker at once.
public final class JobNotifier: @unchecked Sendable {
    private let connection: PostgresConnection
    private let logger: Logger
    private let lock = NSLock()
    /// Whether LISTEN holds on the current session (under `lock`).
    private var listening = false

    /// Connects to `url` and starts listening.
    public init(url: String, logger: Logger) throws {
        connection = try PostgresConnection(url: url)
        self.logger = logger
        try connection.listen(JobQueue.notificationChannel)
        listening = true
    }

    /// Waits until work may be there or `timeout` passed, and says which: true when a
    /// notification arrived, and when the connection had broken and is listening again on a
    /// new session (a notification may have been missed meanwhile); false on timeout. Throws
    /// when the server cannot be reached; the caller waits a little and calls again.
    public func waitForWork(timeout: Duration) throws -> Bool {
        try lock.withLock {
            if try connection.reconnectIfBroken() { listening = false }
            if !listening {
                try connection.listen(JobQueue.notificationChannel)
                listening = true
                logger.warning("worker.listen.reconnected")
                return true
            }
            return try !connection.waitForNotifications(timeout: timeout.seconds).isEmpty
        }
    }
}
