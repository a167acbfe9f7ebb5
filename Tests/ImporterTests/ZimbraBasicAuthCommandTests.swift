import Foundation
import Postgres
import TestSupport
import Testing

/// `submit` and `check` refuse a Zimbra target with `auth=basic` for accounts other than the
/// credential's own: Zimbra lets a basic login write only into its own mailbox (404 elsewhere).
/// `submit` streams its accounts into the queue and rolls the whole transaction back on the
/// refusal, so nothing is enqueued (checked in the database).
@Suite(.enabled(if: TestDatabase.isEnabled)) struct ZimbraBasicAuthCommandTests {
    @Test func submitAndCheckRefuseBasicAuthForOtherMailboxes() throws {
      try TestDatabase.with { databaseURL in
        let sandbox = try SandboxHarness()
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("basic-auth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nEND:VCALENDAR\r\n"
        for account in ["a@example.com", "b@example.com"] {
            try calendar.write(to: directory.appendingPathComponent("\(account).ics"), atomically: true, encoding: .utf8)
        }
        var environment = SandboxHarness.environment
        environment["CALIMPORT_TARGET_USER"] = "a@example.com"
        environment["CALIMPORT_LOG_LEVEL"] = "warning"
        environment["DATABASE_URL"] = databaseURL
        let cli = CommandRunner(environment: environment)
        let target = "zimbra+\(sandbox.url)?auth=basic"

        let submitted = try cli.run(["submit", "--batch", "basic", "--source", directory.path, "--target", target])
        #expect(submitted.status != 0)
        #expect(submitted.standardError.contains("b@example.com: auth=basic logs in as a@example.com"), "\(submitted.standardError)")
        #expect(submitted.standardError.contains("use auth=admin"), "\(submitted.standardError)")
        let enqueued = try PostgresConnection(url: databaseURL).query(
            "SELECT (SELECT count(*) FROM jobs) + (SELECT count(*) FROM batches) AS n")
        #expect(try enqueued[0].int("n") == 0)

        let other = try cli.run(["check", "--target", target, "--account", "b@example.com"])
        #expect(other.status != 0)
        #expect(other.standardError.contains("b@example.com: auth=basic logs in as a@example.com"), "\(other.standardError)")
        let own = try cli.run(["check", "--target", target, "--account", "a@example.com"])
        #expect(own.status == 0, "\(own.standardError)")
        #expect(try sandbox.inspection("b@example.com").changes == 0)
      }
    }
}
