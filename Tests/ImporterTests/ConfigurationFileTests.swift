import Foundation
import TestSupport
import Testing

/// Commands take their defaults from the configuration file named by CALIMPORT_CONFIG; the
/// environment overrides the file, and flags override both.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct ConfigurationFileTests {
    @Test func databaseAndLogFormatComeFromTheFile() throws {
        try TestDatabase.with { databaseURL in
            let path = NSTemporaryDirectory() + "calimport-config-\(UInt32.random(in: 0...UInt32.max)).yaml"
            try "database:\n  url: \"\(databaseURL)\"\nlog:\n  format: json\n  level: info\n".write(toFile: path, atomically: true, encoding: .utf8)
            let cli = CommandRunner(environment: ["CALIMPORT_CONFIG": path, "DATABASE_URL": "postgresql:///wrong?host=/nonexistent"])
            let migrate = try cli.run(["db", "migrate"])
            #expect(migrate.status == 0, "\(migrate.standardError)")
            let line = try #require(migrate.standardError.split(separator: "\n").first)
            #expect(line.hasPrefix("{") && line.contains("\"message\":\"schema.migrated\""))
            // The environment overrides the file; a flag overrides both.
            var overridden = cli
            overridden.environment["CALIMPORT_LOG_FORMAT"] = "text"
            let text = try overridden.run(["work", "--until-idle"])
            #expect(text.status == 0)
            #expect(text.standardError.contains("worker.started"))
            #expect(!text.standardError.contains("{\""))
            let flagged = try overridden.run(["work", "--until-idle", "--log-format", "json"])
            #expect(flagged.standardError.split(separator: "\n").allSatisfy { $0.hasPrefix("{") })
            #expect(flagged.standardError.contains("worker.started"))
            let check = try cli.run(["config", "check"])
            #expect(check.status == 0)
            #expect(check.standardOutput.contains("database.url"))
        }
    }

    @Test func aTypoInTheFileIsAUsageErrorNamingTheKey() throws {
        let path = NSTemporaryDirectory() + "calimport-config-typo-\(UInt32.random(in: 0...UInt32.max)).yaml"
        try "worker:\n  concurency: 4\n".write(toFile: path, atomically: true, encoding: .utf8)
        let output = try CommandRunner(environment: ["CALIMPORT_CONFIG": path]).run(["config", "check"])
        #expect(output.status == 64)
        #expect(output.standardError.contains("worker.concurency"))
    }
}
