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

    @Test func secretsAreMaskedWhenDescribed() throws {
        let path = try Self.file("database:\n  url: postgresql://calimport:hunter2@db:5432/calimport\n")
        let lines = try Settings.load(file: path, environment: [:]).describe()
        #expect(lines.count == 1)
        #expect(!lines[0].contains("hunter2"))
        #expect(lines[0].contains("postgresql://calimport:***@db:5432/calimport"))
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
        #expect(examples.count >= 2)
        for example in examples {
            let settings = try Settings.load(file: root.appendingPathComponent("Config/\(example)").path, environment: [:])
            #expect(!settings.values.isEmpty, "\(example) sets nothing")
        }
    }
}
