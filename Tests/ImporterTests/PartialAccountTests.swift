import Foundation
import TestSupport
import Testing

/// No account is called succeeded that imported nothing of what it should have: against the
/// sandbox's CalDAV node, which refuses any component marked `X-CALIMPORT-SANDBOX-REFUSE`, an
/// account with one refused event is `partial` (status, status --json, jobs, report, run's exit
/// code), one whose every event was refused fails with the first reasons, and `retry --partial`
/// requeues the partial one.
@Suite(.enabled(if: TestDatabase.isEnabled), .serialized)
struct PartialAccountTests {
    static func event(_ uid: String, day: Int, refuse: Bool) -> String {
        ["BEGIN:VEVENT", "UID:\(uid)", "DTSTAMP:20250101T000000Z", "DTSTART:202503\(String(format: "%02d", day))T140000Z",
         "DTEND:202503\(String(format: "%02d", day))T150000Z", "SUMMARY:\(uid)"]
            .joined(separator: "\r\n") + (refuse ? "\r\nX-CALIMPORT-SANDBOX-REFUSE:no room for it" : "") + "\r\nEND:VEVENT"
    }

    static func calendar(_ events: [String]) -> String {
        (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"] + events + ["END:VCALENDAR"]).joined(separator: "\r\n") + "\r\n"
    }

    @Test func refusedComponentsMakeAnAccountPartialAndAllRefusedFailsIt() throws {
        let sandbox = try SandboxHarness()
        try TestDatabase.with { databaseURL in
            let source = FileManager.default.temporaryDirectory.appendingPathComponent("partial-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: source) }
            let files = [
                "whole@example.com": Self.calendar([Self.event("w1", day: 1, refuse: false), Self.event("w2", day: 2, refuse: false)]),
                "some@example.com": Self.calendar([Self.event("s1", day: 1, refuse: false), Self.event("s2", day: 2, refuse: true),
                                                   Self.event("s3", day: 3, refuse: false)]),
                "none@example.com": Self.calendar([Self.event("n1", day: 1, refuse: true), Self.event("n2", day: 2, refuse: true)]),
            ]
            for (account, text) in files { try Data(text.utf8).write(to: source.appendingPathComponent("\(account).ics")) }
            var cli = CommandRunner(environment: ["DATABASE_URL": databaseURL, "CALIMPORT_LOG_LEVEL": "warning"])
            cli.environment.merge(SandboxHarness.environment) { $1 }
            let target = "caldav+\(sandbox.url)/caldav/{account}/calendar/"
            #expect(try cli.run(["submit", "--batch", "p", "--source", source.path, "--target", target]).status == 0)
            let work = try cli.run(["work", "--until-idle", "--concurrency", "3"])
            #expect(work.status == 0, "\(work.standardError)")

            let status = try BatchStatusJSON.read(cli, batch: "p")
            #expect(status.succeeded == 1 && status.partial == 1 && status.failed == 1, "\(status)")
            #expect(status.partialAccounts.map(\.account) == ["some@example.com"])
            #expect(status.partialAccounts.first?.reason.contains("1 of 3 components refused") == true, "\(status.partialAccounts)")
            #expect(status.partialAccounts.first?.reason.contains("UID s2") == true, "\(status.partialAccounts)")
            let none = status.failedAccounts.first { $0.account == "none@example.com" }
            #expect(none?.reason.contains("none of its 2 components was imported") == true, "\(String(describing: none))")
            #expect(none?.reason.contains("UID n1") == true && none?.reason.contains("UID n2") == true, "\(String(describing: none))")

            let text = try cli.run(["status", "--batch", "p"])
            #expect(text.standardOutput.contains("1 succeeded, 1 partial, 1 failed"), "\(text.standardOutput)")
            // The account is named once per line, not repeated by the reason.
            #expect(text.standardOutput.contains("  failed none@example.com: none of its"), "\(text.standardOutput)")
            #expect(text.standardOutput.contains("  partial some@example.com: 1 of 3"), "\(text.standardOutput)")

            let partialJobs = try cli.run(["jobs", "--batch", "p", "--state", "partial"])
            #expect(partialJobs.standardOutput.contains("some@example.com"), "\(partialJobs.standardOutput)")
            #expect(!partialJobs.standardOutput.contains("whole@example.com"), "\(partialJobs.standardOutput)")
            let succeededJobs = try cli.run(["jobs", "--batch", "p", "--state", "succeeded"])
            #expect(succeededJobs.standardOutput.contains("whole@example.com") && !succeededJobs.standardOutput.contains("some@example.com"))

            let report = try cli.run(["report", "--batch", "p", "--format", "csv"])
            #expect(report.standardOutput.contains("1 succeeded / 1 partial / 1 failed / 3 accounts"), "\(report.standardOutput)")

            let retried = try cli.run(["retry", "--batch", "p", "--partial"])
            #expect(retried.standardOutput.contains("1 jobs requeued"), "\(retried.standardOutput)\(retried.standardError)")
            let afterRetry = try BatchStatusJSON.read(cli, batch: "p")
            #expect(afterRetry.pending == 1 && afterRetry.partial == 0, "\(afterRetry)")
        }
    }
}
