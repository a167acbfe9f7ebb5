import Foundation
import Postgres
#if canImport(Glibc)
import Glibc
#endif

/// calimport's own PostgreSQL cluster under a state directory, used when no database URL is given.
///
/// Created on first use with the installed server binaries (`initdb`), listening only on a Unix
/// socket inside the state directory, started on demand and reused by every later command.
/// Run as root, the server runs as an unprivileged system user (PostgreSQL refuses root):
/// `postgres` when it exists, else a `calimport` system user created on first use.
public struct EmbeddedCluster: Sendable {
    /// The state directory (`CALIMPORT_HOME`, default `./.calimport`).
    public let home: URL
    /// The database name inside the cluster.
    public static let databaseName = "calimport"
    /// The superuser name created by initdb.
    public static let superuser = "calimport"

    public init(home: URL) {
        self.home = home.standardizedFileURL
    }

    /// The state directory from `CALIMPORT_HOME`, else `./.calimport`.
    public static func defaultHome(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let path = environment["CALIMPORT_HOME"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
            .appendingPathComponent(".calimport", isDirectory: true)
    }

    var dataDirectory: URL { home.appendingPathComponent("pgdata", isDirectory: true) }
    var logFile: URL { home.appendingPathComponent("postgres.log") }
    var commandLog: URL { home.appendingPathComponent("cluster-commands.log") }
    var lockFile: URL { home.appendingPathComponent("cluster.lock") }

    /// The directory of the server's Unix socket: `HOME/run`, or a short directory under /tmp
    /// when that path would exceed the 107-byte limit of a Unix socket address.
    public var socketDirectory: URL {
        let preferred = home.appendingPathComponent("run", isDirectory: true)
        if preferred.path.utf8.count + "/.s.PGSQL.5432".utf8.count < 100 { return preferred }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in home.path.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return URL(fileURLWithPath: "/tmp/calimport-\(String(hash, radix: 16))", isDirectory: true)
    }

    /// The libpq URL of the cluster's database.
    public var url: String {
        "postgresql:///\(Self.databaseName)?host=\(socketDirectory.path)&user=\(Self.superuser)"
    }

    /// Whether the cluster has been created.
    public var exists: Bool {
        FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path)
    }

    /// Creates the cluster if needed, starts it if it is not running, creates the database, and
    /// returns its URL. Safe to call from several processes at once (a file lock serializes them).
    public func ensureRunning() throws -> String {
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return try withLock {
            let server = try ServerCommands(cluster: self)
            if !exists { try server.initialize() }
            if try !server.isRunning() { try server.start() }
            try createDatabaseIfMissing()
            return url
        }
    }

    /// Stops the cluster if it runs (fast shutdown). Returns whether it was running.
    @discardableResult
    public func stop() throws -> Bool {
        guard exists else { return false }
        return try withLock {
            let server = try ServerCommands(cluster: self)
            guard try server.isRunning() else { return false }
            try server.stop()
            return true
        }
    }

    /// Whether the server is running now.
    public func isRunning() throws -> Bool {
        guard exists else { return false }
        return try ServerCommands(cluster: self).isRunning()
    }

    private func createDatabaseIfMissing() throws {
        let admin = try PostgresConnection(
            url: "postgresql:///postgres?host=\(socketDirectory.path)&user=\(Self.superuser)")
        let rows = try admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [Self.databaseName])
        if rows.isEmpty {
            do {
                try admin.execute("CREATE DATABASE \(PostgresConnection.quoteIdentifier(Self.databaseName))")
            } catch let error as PostgresError where error.sqlState == "42P04" {
                // Created meanwhile by another process: fine.
            }
        }
    }

    private func withLock<T>(_ body: () throws -> T) throws -> T {
        let descriptor = open(lockFile.path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PostgresError(code: .connectionFailed, message: "cannot open \(lockFile.path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else {
            throw PostgresError(code: .connectionFailed, message: "cannot lock \(lockFile.path)")
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
