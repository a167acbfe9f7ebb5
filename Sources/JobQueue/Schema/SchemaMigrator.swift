import Foundation
import Logging
import Postgres

/// Creates or upgrades calimport's schema: numbered migrations applied in order, each in its
/// own transaction, recorded in `calimport_migrations`. Running it again changes nothing.
/// An advisory lock serializes processes that migrate at the same time.
public struct SchemaMigrator: Sendable {
    /// One schema change.
    public struct Migration: Sendable {
        public let version: Int
        public let name: String
        public let sql: String
    }

    /// All migrations, in order.
    public static let migrations: [Migration] = [
        Migration(version: 1, name: "queue tables", sql: SchemaMigrator.initialSchema),
        Migration(version: 2, name: "operator control", sql: SchemaMigrator.operatorControl),
        Migration(version: 3, name: "operator views", sql: SchemaMigrator.operatorSchema),
        Migration(version: 4, name: "queue maintenance", sql: SchemaMigrator.queueMaintenance),
        Migration(version: 5, name: "job progress, derived UIDs", sql: SchemaMigrator.jobProgress),
        Migration(version: 6, name: "batch counters", sql: SchemaMigrator.batchCounters),
    ]

    private static let advisoryLockKey = "7235110901"

    public init() {}

    /// Applies the migrations not applied yet; returns the versions applied now.
    @discardableResult
    public func migrate(_ connection: PostgresConnection, logger: Logger) throws -> [Int] {
        try connection.query("SELECT pg_advisory_lock(\(Self.advisoryLockKey))")
        defer { _ = try? connection.query("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))") }
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS calimport_migrations (
                version int PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
        let applied = Set(try connection.query("SELECT version FROM calimport_migrations").map { try $0.int("version") })
        var appliedNow: [Int] = []
        for migration in Self.migrations where !applied.contains(migration.version) {
            try connection.transaction { connection in
                try connection.execute(migration.sql)
                try connection.query(
                    "INSERT INTO calimport_migrations (version, name) VALUES ($1, $2)",
                    [migration.version, migration.name])
            }
            logger.info("schema.migrated", metadata: ["schema.version": "\(migration.version)", "schema.name": "\(migration.name)"])
            appliedNow.append(migration.version)
        }
        return appliedNow
    }

    /// Whether every migration has been applied.
    public func isCurrent(_ connection: PostgresConnection) throws -> Bool {
        let exists = try connection.query("SELECT to_regclass('calimport_migrations') IS NOT NULL AS present")
        guard try exists.first?.bool("present") == true else { return false }
        // Every known version, not just the highest: versions are developed in parallel and
        // may land out of order (3 before 2).
        let versions = Self.migrations.map(\.version)
        let rows = try connection.query(
            "SELECT count(*) AS applied FROM calimport_migrations WHERE version = ANY($1::int[])", [versions])
        return (try rows.first?.int("applied") ?? 0) == Self.migrations.count
    }
}
