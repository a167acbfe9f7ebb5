import ArgumentParser
import Foundation
import JobQueue
import Postgres

/// `calimport db …`: the queue database.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the queue database (schema; the embedded cluster under CALIMPORT_HOME).",
        subcommands: [Migrate.self, Start.self, Stop.self, URLCommand.self])

    /// `calimport db migrate`.
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or upgrade the schema; running it again changes nothing.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let logger = common.makeLogger("calimport.db")
            try CommandFailure.reporting {
                let connection = try PostgresConnection(url: try common.database.resolveURL())
                let applied = try SchemaMigrator().migrate(connection, logger: logger)
                let latest = SchemaMigrator.migrations.last?.version ?? 0
                print(applied.isEmpty
                      ? "schema is current (version \(latest))"
                      : "applied migrations \(applied.map(String.init).joined(separator: ", ")); schema is at version \(latest)")
            }
        }
    }

    /// `calimport db start`.
    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create (first time) and start the embedded cluster; print its URL.")
        @OptionGroup var configFile: ConfigFileOption

        func run() throws {
            try CommandFailure.reporting {
                print(try DatabaseOptions.embeddedCluster().ensureRunning())
            }
        }
    }

    /// `calimport db stop`.
    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the embedded cluster.")
        @OptionGroup var configFile: ConfigFileOption

        func run() throws {
            try CommandFailure.reporting {
                let cluster = try DatabaseOptions.embeddedCluster()
                print(try cluster.stop() ? "stopped the cluster in \(cluster.home.path)" : "the cluster in \(cluster.home.path) was not running")
            }
        }
    }

    /// `calimport db url`.
    struct URLCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "url", abstract: "Print the database URL in use (starting the embedded cluster if needed).")
        @OptionGroup var configFile: ConfigFileOption
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try CommandFailure.reporting { print(try database.resolveURL()) }
        }
    }
}
