import Foundation
import TestSupport
import Testing

/// Bad source files fail their own account, with a reason naming it, and nothing else.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct BadInputTests {
    static let good = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//test//EN\r
        BEGIN:VEVENT\r
        UID:good-1\r
        DTSTAMP:20250101T000000Z\r
        DTSTART:20250301T100000Z\r
        DTEND:20250301T110000Z\r
        SUMMARY:Kept\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:good-2\r
        DTSTAMP:20250101T000000Z\r
        DTSTART:20240301T100000Z\r
        SUMMARY:Outside the window\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    @Test func eachBadFileFailsItsAccountWithAReason() throws {
        try TestDatabase.with { databaseURL in
            let source = try Self.makeDirectory("src")
            let output = try Self.makeDirectory("out")
            try Data(Self.good.utf8).write(to: source.appendingPathComponent("good@example.com.ics"))
            try Data().write(to: source.appendingPathComponent("empty@example.com.ics"))
            try Data("this is not a calendar\n".utf8).write(to: source.appendingPathComponent("prose@example.com.ics"))
            try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: source.appendingPathComponent("binary@example.com.ics"))
            try FileManager.default.createDirectory(at: source.appendingPathComponent("dir@example.com.ics"), withIntermediateDirectories: true)

            let cli = CommandRunner(environment: ["DATABASE_URL": databaseURL, "CALIMPORT_LOG_LEVEL": "warning"])
            let submit = try cli.run([
                "submit", "--batch", "bad", "--source", source.path, "--target", "file://\(output.path)",
                "--from", "2025-01-01", "--to", "20250701T000000Z",
            ])
            #expect(submit.status == 0, "\(submit.standardError)")
            let work = try cli.run(["work", "--until-idle", "--concurrency", "3"])
            #expect(work.status == 0, "\(work.standardError)")

            let status = try BatchStatusJSON.read(cli, batch: "bad")
            #expect(status.total == 5)
            #expect(status.succeeded == 1)
            #expect(status.failed == 4)
            #expect(status.eventsImported == 1)
            let reasons = Dictionary(uniqueKeysWithValues: status.failedAccounts.map { ($0.account, $0.reason) })
            #expect(Set(reasons.keys) == ["empty@example.com", "prose@example.com", "binary@example.com", "dir@example.com"])
            for (account, reason) in reasons {
                #expect(reason.contains(account), "reason for \(account) does not name it: \(reason)")
            }
            #expect(reasons["empty@example.com"]?.contains("empty") == true)
            // The failures are in the worker's log too.
            #expect(work.standardError.contains("prose@example.com"))

            let written = try String(contentsOf: output.appendingPathComponent("good@example.com.ics"), encoding: .utf8)
            #expect(ComponentScan.identities(in: written) == ["good-1"])
        }
    }

    @Test func windowBoundFormatsAreAcceptedAndBadOnesRefused() throws {
        let file = try Self.makeDirectory("filter").appendingPathComponent("c.ics")
        try Data(Self.good.utf8).write(to: file)
        let cli = CommandRunner(environment: [:])
        for (from, to) in [("2025-01-01", "2025-07-01"), ("20250101T000000Z", "2025-07-01T00:00:00Z"), ("2025-03-01T10:00:00Z", "0")] {
            let output = try cli.run(["ics", "filter", file.path, "--from", from, "--to", to, "--uids"])
            #expect(output.status == 0, "\(output.standardError)")
            #expect(output.standardOutput == "good-1\n", "window \(from)..\(to)")
        }
        // An instant at `to` is outside the half-open window.
        #expect(try cli.run(["ics", "filter", file.path, "--from", "2025-02-01", "--to", "20250301T100000Z", "--uids"]).standardOutput == "")
        #expect(try cli.run(["ics", "filter", file.path, "--uids"]).standardOutput == "good-1\ngood-2\n")
        let bad = try cli.run(["ics", "filter", file.path, "--from", "yesterday"])
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("yesterday"))
    }

    static func makeDirectory(_ name: String) throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("calimport-\(name)-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
