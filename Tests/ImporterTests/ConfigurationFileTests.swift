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

    /// worker.concurrency from the file, then CALIMPORT_WORKER_CONCURRENCY over it, then
    /// --concurrency over both: each shows as the slots the worker registers in the queue.
    @Test func workerSettingsReachTheWorkerWithFlagOverEnvironmentOverFile() throws {
        try TestDatabase.with { databaseURL in
            let path = try Self.file("database:\n  url: \"\(databaseURL)\"\nworker:\n  concurrency: 3\n  lease_seconds: 20\n  heartbeat_seconds: 2\n")
            let cli = CommandRunner(environment: ["CALIMPORT_CONFIG": "", "DATABASE_URL": ""])
            #expect(try Self.registeredSlots(cli, ["work", "--until-idle", "--config", path]) == 3)
            var environment = cli
            environment.environment["CALIMPORT_WORKER_CONCURRENCY"] = "5"
            #expect(try Self.registeredSlots(environment, ["work", "--until-idle", "--config", path]) == 5)
            #expect(try Self.registeredSlots(environment, ["work", "--until-idle", "--config", path, "--concurrency", "7"]) == 7)
        }
    }

    /// retry.max_attempts and target.url from the file reach the batches submit creates; the
    /// environment and the flag override the attempts. Against a closed port every attempt is a
    /// transient failure, so each job fails after exactly its batch's attempts.
    @Test func attemptsAndTargetFromTheFileReachTheBatch() throws {
        try TestDatabase.with { databaseURL in
            let source = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("calimport-attempts-\(UInt32.random(in: 0...UInt32.max))")
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
            try Self.calendar.write(to: source.appendingPathComponent("alice@example.com.ics"), atomically: true, encoding: .utf8)
            let path = try Self.file("""
                database:
                  url: "\(databaseURL)"
                target:
                  url: caldav+http://127.0.0.1:\(try FreePort.find())/{account}/calendar/
                retry:
                  max_attempts: 1
                  base_seconds: 0
                  cap_seconds: 0
                """)
            let cli = CommandRunner(environment: ["CALIMPORT_CONFIG": path, "DATABASE_URL": "", "CALIMPORT_LOG_LEVEL": "warning"])
            #expect(try cli.run(["submit", "--batch", "file", "--source", source.path]).status == 0)
            var environment = cli
            environment.environment["CALIMPORT_RETRY_MAX_ATTEMPTS"] = "2"
            #expect(try environment.run(["submit", "--batch", "env", "--source", source.path]).status == 0)
            #expect(try environment.run(["submit", "--batch", "flag", "--source", source.path, "--max-attempts", "3"]).status == 0)
            let work = try cli.run(["work", "--until-idle", "--poll-interval", "0.2"], timeout: 120)
            #expect(work.status == 0, "\(work.standardError)")
            for (batch, attempts) in [("file", 1), ("env", 2), ("flag", 3)] {
                let jobs = try cli.run(["jobs", "--batch", batch, "--json"])
                let job = try JSONSerialization.jsonObject(with: Data(jobs.standardOutput.utf8)) as? [String: Any]
                #expect(job?["state"] as? String == "failed", "\(batch): \(jobs.standardOutput)")
                #expect(job?["attempts"] as? Int == attempts, "\(batch): \(jobs.standardOutput)")
                #expect(job?["error_code"] as? String == "target.transport", "\(batch): \(jobs.standardOutput)")
            }
        }
    }

    /// target.user and target.password_file from the file authenticate `check` against Radicale;
    /// a password in the environment overrides the file's password file.
    @Test(.enabled(if: RadicaleServer.isEnabled))
    func targetCredentialsComeFromTheFileAndTheEnvironmentWins() throws {
        let server = try RadicaleServer.requireURL()
        let password = NSTemporaryDirectory() + "calimport-password-\(UInt32.random(in: 0...UInt32.max))"
        try "\(RadicaleServer.password)\n".write(toFile: password, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: password)
        let path = try Self.file("""
            target:
              url: caldav+\(server)/{account}/calendar/
              user: \(RadicaleServer.user)
              password_file: \(password)
            """)
        let cli = CommandRunner(environment: ["CALIMPORT_CONFIG": "", "CALIMPORT_TARGET_USER": "", "CALIMPORT_TARGET_PASSWORD": "", "CALIMPORT_TARGET_PASSWORD_FILE": ""])
        let fromFile = try cli.run(["check", "--config", path])
        #expect(fromFile.status == 0, "\(fromFile.standardError)")
        #expect(fromFile.standardOutput.contains("authenticated as \(RadicaleServer.user)"), "\(fromFile.standardOutput)")
        var environment = cli
        environment.environment["CALIMPORT_TARGET_PASSWORD"] = "not-the-password"
        let overridden = try environment.run(["check", "--config", path])
        #expect(overridden.status == 4, "\(overridden.standardOutput)")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: password)
        let exposed = try cli.run(["check", "--config", path])
        #expect(exposed.status == 4)
        #expect(exposed.standardError.contains("readable by others"), "\(exposed.standardError)")
    }

    @Test func aTypoInTheFileIsAUsageErrorNamingTheKey() throws {
        let path = NSTemporaryDirectory() + "calimport-config-typo-\(UInt32.random(in: 0...UInt32.max)).yaml"
        try "worker:\n  concurency: 4\n".write(toFile: path, atomically: true, encoding: .utf8)
        let output = try CommandRunner(environment: ["CALIMPORT_CONFIG": path]).run(["config", "check"])
        #expect(output.status == 64)
        #expect(output.standardError.contains("worker.concurency"))
    }

    static func file(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "calimport-config-\(UInt32.random(in: 0...UInt32.max)).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `arguments` (a `work` with JSON logs) and returns the slots its worker registered,
    /// found by the id it logged in `workers --all --json`.
    static func registeredSlots(_ cli: CommandRunner, _ arguments: [String]) throws -> Int? {
        let work = try cli.run(arguments + ["--log-format", "json"])
        #expect(work.status == 0, "\(work.standardError)")
        let started = work.standardError.split(separator: "\n").compactMap { line in
            try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        }.first { $0["message"] == "worker.started" }
        let id = try #require(started?["worker.id"], "no worker.started in \(work.standardError)")
        let workers = try cli.run(["workers", "--all", "--json"] + arguments.filter { $0.hasSuffix(".yaml") }.flatMap { ["--config", $0] })
        let registered = workers.standardOutput.split(separator: "\n").compactMap { line in
            try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }.first { $0["id"] as? String == id }
        return registered?["slots"] as? Int
    }

    static let calendar = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//calimport tests//EN\r
        BEGIN:VEVENT\r
        UID:attempts-1@example.com\r
        DTSTAMP:20250101T000000Z\r
        DTSTART:20250301T090000Z\r
        DTEND:20250301T100000Z\r
        SUMMARY:Attempts\r
        END:VEVENT\r
        END:VCALENDAR\r

        """
}
