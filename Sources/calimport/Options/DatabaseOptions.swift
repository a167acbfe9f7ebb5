import ArgumentParser
import EmbeddedPostgres
import Foundation
import JobQueue
import Logging
import Postgres

/// Where the queue database is: `--database-url`, else `DATABASE_URL`, else the embedded cluster.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "libpq URL of the queue database (default: database.url of the configuration, else DATABASE_URL, else the embedded cluster under home).")
    var databaseURL: String?

    /// The URL to connect to: the flag, else `database.url` of the configuration
    /// (`CALIMPORT_DATABASE_URL` or the file), else `DATABASE_URL`, else the embedded cluster
    /// (started when needed) under `home` (`CALIMPORT_HOME`, default ./.calimport).
    func resolveURL() throws -> String {
        if let databaseURL, !databaseURL.isEmpty { return databaseURL }
        let settings = try SettingsStore.current()
        if let url = settings.string("database.url") { return url }
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty { return url }
        return try Self.embeddedCluster().ensureRunning()
    }

    /// The embedded cluster under `home` of the configuration (`CALIMPORT_HOME` or the file),
    /// default ./.calimport.
    static func embeddedCluster() throws -> EmbeddedCluster {
        let home = try SettingsStore.current().string("home").map { URL(fileURLWithPath: $0, isDirectory: true) }
        return EmbeddedCluster(home: home ?? EmbeddedCluster.defaultHome())
    }

    /// The job queue, schema migrated if it was missing.
    func openQueue(logger: Logger) throws -> JobQueue {
        try JobQueue.open(url: try resolveURL(), logger: logger)
    }
}
