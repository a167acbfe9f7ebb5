import Foundation
import Logging
import Postgres

/// The PostgreSQL job queue: every query calimport runs lives in this type's extensions,
/// one function per query, named for what it does.
///
/// A `JobQueue` wraps one connection, its own (internal: callers go through the queue's
/// functions, ``JobNotifier`` and ``LeaseRescuer``); statements on it are serialized. Workers use
/// a few connections per process (claim/ack, heartbeats and rescue, notifications), never one
/// per slot.
public final class JobQueue: Sendable {
    /// The channel `submit` notifies and idle workers LISTEN on.
    public static let notificationChannel = "calimport_jobs"

    /// The underlying connection.
    let connection: PostgresConnection
    let logger: Logger

    /// Wraps an open connection.
    public init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Connects to `url` and applies any missing migrations.
    public static func open(url: String, logger: Logger) throws -> JobQueue {
        let connection = try PostgresConnection(url: url)
        let migrator = SchemaMigrator()
        if try !migrator.isCurrent(connection) {
            try migrator.migrate(connection, logger: logger)
        }
        return JobQueue(connection: connection, logger: logger)
    }
}
