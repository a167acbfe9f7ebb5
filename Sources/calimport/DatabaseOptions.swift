import ArgumentParser
import Foundation
import JobQueue
import Logging
import Postgres

/// Where the queue database is: `--database-url`, else `DATABASE_URL`, else the embedded cluster.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "libpq URL of the queue database (default: DATABASE_URL, else the embedded cluster under CALIMPORT_HOME).")
    var databaseURL: String?

    /// The URL to connect to, starting the embedded cluster when no URL is given.
    func resolveURL() throws -> String {
        if let databaseURL, !databaseURL.isEmpty { return databaseURL }
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty { return url }
        return try EmbeddedCluster(home: EmbeddedCluster.defaultHome()).ensureRunning()
    }

    /// The job queue, schema migrated if it was missing.
    func openQueue(logger: Logger) throws -> JobQueue {
        try JobQueue.open(url: try resolveURL(), logger: logger)
    }
}
