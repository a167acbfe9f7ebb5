import Foundation
import TestSupport
import Testing

/// `--log-format json` writes one JSON object per line with the job's metadata, and no log
/// line ever carries the target password.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct LogFormatTests {
    @Test func jsonLinesCarryJobMetadataAndNoSecret() throws {
        try TestDatabase.with { databaseURL in
            let source = try BadInputTests.makeDirectory("logs")
            try Data("not a calendar\n".utf8).write(to: source.appendingPathComponent("carol@example.com.ics"))
            let secret = "s3cret-\(UInt32.random(in: 0...UInt32.max))"
            let cli = CommandRunner(environment: [
                "DATABASE_URL": databaseURL,
                "CALIMPORT_TARGET_USER": "admin",
                "CALIMPORT_TARGET_PASSWORD": secret,
            ])
            #expect(try cli.run(["submit", "--batch", "logs", "--source", source.path, "--target", "file:///tmp/calimport-logs-out"]).status == 0)
            let work = try cli.run(["work", "--until-idle", "--log-format", "json", "--log-level", "trace"])
            #expect(work.status == 0)
            #expect(!work.standardError.contains(secret))
            let lines = work.standardError.split(separator: "\n").map(String.init)
            #expect(lines.count >= 3)
            var objects: [[String: String]] = []
            for line in lines {
                let object = try JSONDecoder().decode([String: String].self, from: Data(line.utf8))
                #expect(object["time"] != nil && object["level"] != nil && object["message"] != nil, "\(line)")
                objects.append(object)
            }
            let failure = try #require(objects.first { $0["message"] == "job.failed" })
            #expect(failure["account"] == "carol@example.com")
            #expect(failure["batch.name"] == "logs")
            #expect(failure["job.id"] != nil)
            #expect(failure["error.class"] == "permanent")
            #expect(failure["retry.delay"] == nil, "a permanent failure is not retried")
        }
    }

    /// `--log-level` takes swift-log's levels in any case and refuses any other word while the
    /// command line is parsed (exit 64, naming the flag), as `log.level` of the file is refused.
    @Test func anUnknownLogLevelIsRefusedAndTheCaseDoesNotMatter() throws {
        try TestDatabase.with { databaseURL in
            let cli = CommandRunner(environment: ["DATABASE_URL": databaseURL, "CALIMPORT_LOG_LEVEL": ""])
            let bogus = try cli.run(["status", "--log-level", "loud"])
            #expect(bogus.status == 64)
            #expect(bogus.standardError.contains("The value 'loud' is invalid for '--log-level <log-level>'"), "\(bogus.standardError)")
            let upper = try cli.run(["status", "--log-level", "WARNING"])
            #expect(upper.status == 0, "\(upper.standardError)")
        }
    }
}
