import Foundation
import TestSupport
import Testing
import Yams

/// The deployment files (docker-compose.yml, ops/kubernetes, ops/systemd) are checked with what
/// can run here: no Docker engine or cluster, so their structure is parsed and every calimport
/// command they name is run through the real CLI's argument parser.
struct DeploymentFileTests {
    /// The worker's default grace period in seconds (WorkerPool.Configuration.gracePeriod).
    static let workerGrace = 30.0

    @Test func composeHasTheServicesAHealthCheckAndAGracefulWorker() throws {
        let compose = try Self.yaml("docker-compose.yml")
        let services = try #require(compose["services"] as? [String: Any])
        #expect(Set(services.keys).isSuperset(of: ["postgres", "migrate", "worker", "cli"]))
        let postgres = try #require(services["postgres"] as? [String: Any])
        #expect(postgres["healthcheck"] != nil)
        let worker = try #require(services["worker"] as? [String: Any])
        #expect(worker["stop_signal"] as? String == "SIGTERM")
        #expect(try Self.seconds(worker["stop_grace_period"] as? String) > Self.workerGrace)
        let environment = try #require(worker["environment"] as? [String: Any])
        #expect(environment["DATABASE_URL"] != nil)
        #expect(environment["CALIMPORT_TARGET_PASSWORD"] == nil, "the password comes from a file, not the environment")
        for name in ["migrate", "worker", "cli"] {
            let service = try #require(services[name] as? [String: Any])
            try Self.expectCLIAccepts(try #require(service["command"] as? [String]), in: name)
        }
    }

    @Test func composeValidatesWithDockerCompose() throws {
        guard let dockerCompose = Self.executable("docker-compose") else {
            try #require(ProcessInfo.processInfo.environment["REQUIRE_DEPLOYMENT_TOOLS"] != "1", "docker-compose is not installed")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dockerCompose)
        process.arguments = ["-f", Self.root.appendingPathComponent("docker-compose.yml").path, "config", "-q"]
        process.environment = ["POSTGRES_PASSWORD": "check", "PATH": "/usr/bin:/bin"]
        let secrets = Self.root.appendingPathComponent("secrets/target_password")
        let createdSecret = !FileManager.default.fileExists(atPath: secrets.path)
        if createdSecret {
            try FileManager.default.createDirectory(at: secrets.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: secrets)
        }
        defer { if createdSecret { try? FileManager.default.removeItem(at: secrets.deletingLastPathComponent()) } }
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(message)")
    }

    @Test func kubernetesWorkerIsProbedBoundedAndGraceful() throws {
        let documents = try ["secrets.yaml", "worker.yaml", "submit-job.yaml"].flatMap {
            try Self.yamlDocuments("ops/kubernetes/\($0)")
        }
        let kinds = documents.compactMap { $0["kind"] as? String }
        #expect(Set(kinds) == ["Secret", "Deployment", "Job"])
        let deployment = try #require(documents.first { $0["kind"] as? String == "Deployment" })
        let pod = try #require(((deployment["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any])
        #expect(Double(pod["terminationGracePeriodSeconds"] as? Int ?? 0) > Self.workerGrace)
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        #expect(container["readinessProbe"] != nil)
        #expect(container["livenessProbe"] != nil)
        #expect((container["resources"] as? [String: Any])?["requests"] != nil)
        try Self.expectCLIAccepts(try #require(container["args"] as? [String]), in: "worker Deployment")
        let job = try #require(documents.first { $0["kind"] as? String == "Job" })
        let jobContainer = try #require(((((job["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any])?["containers"] as? [[String: Any]])?.first)
        try Self.expectCLIAccepts(try #require(jobContainer["args"] as? [String]), in: "submit Job")
    }

    @Test func systemdUnitStopsGracefullyAndRestarts() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("ops/systemd/calimport-worker@.service"), encoding: .utf8)
        var settings: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { settings[parts[0]] = parts[1] }
        }
        #expect(settings["KillSignal"] == "SIGTERM")
        #expect(Double(settings["TimeoutStopSec"] ?? "0") ?? 0 > Self.workerGrace)
        #expect(settings["Restart"] == "on-failure")
        let command = try #require(settings["ExecStart"]).split(separator: " ").dropFirst().map(String.init)
        try Self.expectCLIAccepts(command, in: "systemd ExecStart")
    }

    /// Runs the command against an unreachable database and a missing source: it may fail for
    /// those reasons (exit 3 or 5), but never for bad usage (exit 64).
    static func expectCLIAccepts(_ arguments: [String], in place: String) throws {
        let runner = CommandRunner(environment: [
            "DATABASE_URL": "postgresql:///none?host=/nonexistent-calimport-socket&connect_timeout=1",
        ])
        let output = try runner.run(arguments + (arguments.first == "work" ? ["--until-idle"] : []), timeout: 60)
        #expect(output.status != 64, "\(place): calimport \(arguments.joined(separator: " ")) is not a valid command: \(output.standardError)")
        #expect(!output.standardError.contains("Error: Unknown option"), "\(place): \(output.standardError)")
    }

    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static func yaml(_ path: String) throws -> [String: Any] {
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    static func yamlDocuments(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        return try Yams.load_all(yaml: text).compactMap { $0 as? [String: Any] }
    }

    static func seconds(_ duration: String?) throws -> Double {
        let text = try #require(duration)
        return try #require(Double(text.hasSuffix("s") ? String(text.dropLast()) : text))
    }

    static func executable(_ name: String) -> String? {
        ["/usr/bin", "/usr/local/bin"].map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
