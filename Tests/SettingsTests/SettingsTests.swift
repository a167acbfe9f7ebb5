import Foundation
import Settings
import Testing

struct SettingsTests {
    static func file(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "calimport-settings-\(UInt32.random(in: 0...UInt32.max)).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func fileThenEnvironmentOverride() throws {
        let path = try Self.file("worker:\n  concurrency: 8\n  lease_seconds: 90\nlog:\n  level: debug\n")
        let settings = try Settings.load(file: path, environment: ["CALIMPORT_WORKER_CONCURRENCY": "32"])
        #expect(settings.integer("worker.concurrency") == 32)
        #expect(settings.number("worker.lease_seconds") == 90)
        #expect(settings.string("log.level") == "debug")
        #expect(settings.values["worker.concurrency"]?.source == .environment)
        #expect(settings.values["log.level"]?.source == .file)
    }

    @Test func unknownKeysAndBadValuesAreRefusedWithTheirName() throws {
        let typo = try Self.file("worker:\n  concurency: 8\n")
        let unknown = #expect(throws: SettingsError.self) { _ = try Settings.load(file: typo, environment: [:]) }
        #expect(unknown?.code == .unknownKey)
        #expect(unknown?.message.contains("worker.concurency") == true)
        let bad = try Self.file("worker:\n  concurrency: many\n")
        let invalid = #expect(throws: SettingsError.self) { _ = try Settings.load(file: bad, environment: [:]) }
        #expect(invalid?.code == .invalidValue)
        #expect(throws: SettingsError.self) { _ = try Settings.load(file: nil, environment: ["CALIMPORT_RETRY_BASE_SECONDS": "soon"]) }
    }

    @Test func rangesAndWordsAreCheckedInTheFileAndTheEnvironment() throws {
        let zero = try Self.file("worker:\n  concurrency: 0\n")
        let refused = #expect(throws: SettingsError.self) { _ = try Settings.load(file: zero, environment: [:]) }
        #expect(refused?.code == .invalidValue)
        #expect(refused?.message.contains("worker.concurrency") == true)
        #expect(refused?.message.contains("between 1 and 1024") == true)
        let environment = #expect(throws: SettingsError.self) {
            _ = try Settings.load(file: nil, environment: ["CALIMPORT_WORKER_LEASE_SECONDS": "-1"])
        }
        #expect(environment?.message.hasPrefix("CALIMPORT_WORKER_LEASE_SECONDS:") == true)
        let level = try Self.file("log:\n  level: verbose\n")
        #expect(throws: SettingsError.self) { _ = try Settings.load(file: level, environment: [:]) }
        let empty = try Self.file("target:\n  user:\n")
        #expect(throws: SettingsError.self) { _ = try Settings.load(file: empty, environment: [:]) }
    }

    @Test func flagBeatsEnvironmentBeatsFileBeatsDefault() throws {
        let path = try Self.file("worker:\n  concurrency: 3\n  lease_seconds: 30\n")
        let settings = try Settings.load(file: path, environment: ["CALIMPORT_WORKER_CONCURRENCY": "5"])
        let fromFlag = try settings.resolve("worker.concurrency", flag: 7, flagName: "--concurrency", default: 16)
        #expect(fromFlag.value == 7 && fromFlag.origin == "--concurrency")
        let fromEnvironment = try settings.resolve("worker.concurrency", flag: Int?.none, flagName: "--concurrency", default: 16)
        #expect(fromEnvironment.value == 5 && fromEnvironment.origin == "CALIMPORT_WORKER_CONCURRENCY")
        let fromFile = try settings.resolve("worker.lease_seconds", flag: Double?.none, flagName: "--lease", default: 60)
        #expect(fromFile.value == 30 && fromFile.origin == "worker.lease_seconds in \(path)")
        let fromDefault = try settings.resolve("worker.grace_seconds", flag: Double?.none, flagName: "--grace", default: 30)
        #expect(fromDefault.value == 30 && fromDefault.origin == "default")
        #expect(try settings.resolve("target.url", flag: String?.none, flagName: "--target") == nil)
    }

    @Test func flagsObeyTheRulesOfTheirKey() throws {
        let settings = try Settings.load(file: nil, environment: [:])
        let refused = #expect(throws: SettingsError.self) {
            _ = try settings.resolve("throttle.max_in_flight", flag: 0, flagName: "--max-in-flight", default: 8)
        }
        #expect(refused?.message.hasPrefix("--max-in-flight: 0 is out of range for throttle.max_in_flight") == true)
        #expect(throws: SettingsError.self) { _ = try settings.resolve("worker.heartbeat_seconds", flag: 0.0, flagName: "--heartbeat", default: 10) }
        #expect(try settings.resolve("throttle.rate", flag: 0.0, flagName: "--rate", default: 0).value == 0)
    }

    @Test func fileCredentialsJoinTheEnvironmentWhichWins() throws {
        let path = try Self.file("target:\n  user: admin\n  password_file: /run/file.password\nbluemind:\n  api_key_file: /run/bm.key\n")
        let settings = try Settings.load(file: path, environment: [:])
        let fromFile = settings.environment(overlaying: ["PATH": "/bin"])
        #expect(fromFile["CALIMPORT_TARGET_USER"] == "admin")
        #expect(fromFile["CALIMPORT_TARGET_PASSWORD_FILE"] == "/run/file.password")
        #expect(fromFile["CALIMPORT_BLUEMIND_API_KEY_FILE"] == "/run/bm.key")
        #expect(fromFile["PATH"] == "/bin")
        // A password given directly in the environment beats the file's password file.
        let direct = ["CALIMPORT_TARGET_PASSWORD": "from-env", "CALIMPORT_TARGET_USER": "operator"]
        let overridden = try Settings.load(file: path, environment: direct).environment(overlaying: direct)
        #expect(overridden["CALIMPORT_TARGET_PASSWORD_FILE"] == nil)
        #expect(overridden["CALIMPORT_TARGET_PASSWORD"] == "from-env")
        #expect(overridden["CALIMPORT_TARGET_USER"] == "operator")
    }

    @Test func secretsAreMaskedWhenDescribed() throws {
        let path = try Self.file("database:\n  url: postgresql://calimport:hunter2@db:5432/calimport\n")
        let lines = try Settings.load(file: path, environment: [:]).describe()
        #expect(lines.count == 1)
        #expect(!lines[0].contains("hunter2"))
        #expect(lines[0].contains("postgresql://calimport:***@db:5432/calimport"))
        #expect(Settings.mask("postgresql://u@db/x?sslmode=require&password=hunter2") == "postgresql://u@db/x?sslmode=require&password=***")
        #expect(Settings.mask("postgresql://u@db/x?passfile=/etc/pgpass") == "postgresql://u@db/x?passfile=/etc/pgpass")
        #expect(Settings.mask("host=db password=hunter2") == "***")
    }

    @Test func environmentVariableNamesFollowOneRule() {
        #expect(SettingKey.named("worker.concurrency")?.environmentVariable == "CALIMPORT_WORKER_CONCURRENCY")
        #expect(SettingKey.named("target.password_file")?.environmentVariable == "CALIMPORT_TARGET_PASSWORD_FILE")
        #expect(SettingKey.named("log.level")?.environmentVariable == "CALIMPORT_LOG_LEVEL")
        #expect(Set(SettingKey.known.map(\.environmentVariable)).count == SettingKey.known.count)
    }

    @Test func everyExampleInConfigIsValid() throws {
        var root = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) { root.deleteLastPathComponent() }
        let examples = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Config").path)
            .filter { $0.hasSuffix(".yaml") }
        #expect(examples.count >= 5)
        for example in examples {
            let settings = try Settings.load(file: root.appendingPathComponent("Config/\(example)").path, environment: [:])
            #expect(!settings.values.isEmpty, "\(example) sets nothing")
        }
    }
}
