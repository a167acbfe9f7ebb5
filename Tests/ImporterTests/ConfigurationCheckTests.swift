import CalendarTargets
import Foundation
import TestSupport
import Testing

/// `calimport config check` through the real CLI: every example of Config/ validates, secrets
/// are masked, and a value out of range is refused with the name of its key, variable or flag
/// by `config check` and by the commands that use it alike.
struct ConfigurationCheckTests {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static let examples: [URL] = {
        let directory = root.appendingPathComponent("Config")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { directory.appendingPathComponent($0) }
    }()

    /// A runner whose environment sets no configuration key (ops/test exports CALIMPORT_HOME).
    static func runner(_ environment: [String: String] = [:]) -> CommandRunner {
        let unset = ["CALIMPORT_HOME", "CALIMPORT_CONFIG", "DATABASE_URL"].map { ($0, "") }
        return CommandRunner(environment: Dictionary(uniqueKeysWithValues: unset).merging(environment) { $1 })
    }

    static func file(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "calimport-check-\(UInt32.random(in: 0...UInt32.max)).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: examples)
    func exampleValidatesAndMasksSecrets(_ example: URL) throws {
        let secret = "postgresql://calimport:hunter2@db.example.com/calimport?password=hunter3"
        let output = try Self.runner(["CALIMPORT_DATABASE_URL": secret]).run(["config", "check", "--config", example.path])
        #expect(output.status == 0, "\(example.lastPathComponent): \(output.standardError)")
        #expect(output.standardOutput.hasPrefix("configuration \(example.path): valid"))
        #expect(output.standardOutput.contains("(\(example.path))"), "\(example.lastPathComponent) sets nothing")
        #expect(output.standardOutput.contains("database.url = postgresql://calimport:***@db.example.com/calimport?password=***  (CALIMPORT_DATABASE_URL)"))
        #expect(!output.standardOutput.contains("hunter"))
        #expect(!output.standardError.contains("hunter"))
    }

    @Test func thereIsAnExampleForEveryTargetKind() throws {
        var kinds: Set<TargetURL.Kind> = []
        for example in Self.examples {
            let output = try Self.runner().run(["config", "check", "--config", example.path])
            let line = try #require(output.standardOutput.split(separator: "\n").first { $0.hasPrefix("target.url = ") },
                                    "\(example.lastPathComponent) has no target.url")
            let url = line.dropFirst("target.url = ".count).components(separatedBy: "  (").first ?? ""
            kinds.insert(try TargetURL(url).kind)
        }
        #expect(kinds == Set(TargetURL.Kind.allCases))
    }

    @Test func outOfRangeValuesNameTheirKeyVariableOrFlag() throws {
        let zero = try Self.file("worker:\n  concurrency: 0\n")
        for command in [["config", "check"], ["work", "--until-idle"], ["status"]] {
            let output = try Self.runner().run(command + ["--config", zero])
            #expect(output.status == 64, "\(command)")
            #expect(output.standardError.contains("\(zero): worker.concurrency: 0 is out of range for worker.concurrency: it must be between 1 and 1024"),
                    "\(command): \(output.standardError)")
        }
        let lease = try Self.file("worker:\n  lease_seconds: 30\n")
        let heartbeat = try Self.runner(["CALIMPORT_WORKER_HEARTBEAT_SECONDS": "45"]).run(["work", "--until-idle", "--config", lease])
        #expect(heartbeat.status == 64)
        #expect(heartbeat.standardError.contains(
            "the heartbeat interval 45 (CALIMPORT_WORKER_HEARTBEAT_SECONDS) must be shorter than the lease 30 (worker.lease_seconds in \(lease))"),
                "\(heartbeat.standardError)")
        let check = try Self.runner(["CALIMPORT_WORKER_HEARTBEAT_SECONDS": "45"]).run(["config", "check", "--config", lease])
        #expect(check.status == 64, "config check sees the combination too")
        let flag = try Self.runner().run(["work", "--until-idle", "--config", lease, "--max-in-flight", "0"])
        #expect(flag.status == 64)
        #expect(flag.standardError.contains("--max-in-flight: 0 is out of range for throttle.max_in_flight"), "\(flag.standardError)")
        let target = try Self.file("target:\n  url: caldav+https://dav.example.com/calendars/\n")
        let badTarget = try Self.runner().run(["config", "check", "--config", target])
        #expect(badTarget.status == 64)
        #expect(badTarget.standardError.contains("target.url in \(target)"), "\(badTarget.standardError)")
    }

    @Test func everySubcommandAcceptsConfig() throws {
        let path = try Self.file("log:\n  level: info\n")
        let commands = [
            ["run"], ["check"], ["submit"], ["work"], ["status"], ["jobs"], ["failures"], ["workers"], ["report"],
            ["pause"], ["resume"], ["cancel"], ["retry"], ["batch", "prune"], ["db", "migrate"], ["db", "start"],
            ["db", "stop"], ["db", "url"], ["config", "check"], ["ics", "filter"], ["ics", "inspect"], ["generate"], ["sandbox"],
        ]
        for command in commands {
            let help = try Self.runner().run(command + ["--help"])
            #expect(help.standardOutput.contains("--config <file>"), "calimport \(command.joined(separator: " ")) has no --config")
        }
        #expect(try Self.runner().run(["ics", "inspect", "--config", path, "/nonexistent.ics"]).status != 64)
    }
}
