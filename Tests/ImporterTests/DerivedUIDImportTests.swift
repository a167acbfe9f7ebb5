import Foundation
import ICalendar
import TestSupport
import Testing

/// Components without UID are imported under derived UIDs, through the whole pipeline into
/// every real CalDAV server: the dry run counts them, the account succeeds (not partial), and
/// a second import of the same file by another worker process (what a retry or a re-run does)
/// finds them again instead of duplicating them.
@Suite(.enabled(if: TestDatabase.isEnabled), .serialized)
struct DerivedUIDImportTests {
    /// Two identical events without UID (DTSTAMP aside), then one with a UID.
    static let calendar = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
        "BEGIN:VEVENT", "DTSTAMP:20240101T000000Z", "SUMMARY:Standup", "DTSTART:20240110T090000Z", "DTEND:20240110T091500Z", "END:VEVENT",
        "BEGIN:VEVENT", "DTSTAMP:20240102T000000Z", "SUMMARY:Standup", "DTSTART:20240110T090000Z", "DTEND:20240110T091500Z", "END:VEVENT",
        "BEGIN:VEVENT", "UID:with-uid@example.com", "SUMMARY:Review", "DTSTART:20240111T090000Z", "DTEND:20240111T100000Z", "END:VEVENT",
        "END:VCALENDAR", "",
    ].joined(separator: "\r\n")

    @Test(arguments: CalDAVServer.available)
    func uidLessEventsArriveOnceAcrossARerun(_ server: CalDAVServer) throws {
        let base = try server.requireURL()
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 1, events: 1...1)
            let account = tenant.accounts[0]
            try Data(Self.calendar.utf8).write(to: tenant.directory.appendingPathComponent(account + ".ics"))
            try tenant.createHomes(on: server)
            let cli = tenant.runner(databaseURL: databaseURL, server: server)
            let source = tenant.directory.path
            let target = "caldav+\(base)/{account}/calendar/"
            let derived = try CalendarFilter(window: .unbounded).filter(Data(Self.calendar.utf8)).items.filter(\.hasDerivedUID).map(\.uid)
            #expect(derived.count == 2)

            let dryRun = try cli.run(["submit", "--batch", "uidless", "--source", source, "--target", target, "--dry-run", "--json"])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(dryRun.standardOutput.utf8)) as? [String: Any])
            #expect((report["totals"] as? [String: Any])?["derived_uids"] as? Int == 2)
            let file = try #require((report["files"] as? [[String: Any]])?.first)
            #expect(file["derived_uids"] as? Int == 2)
            let problems = file["problems"] as? [String] ?? []
            #expect(problems == ["warning: line 4: VEVENT at line 4 has no UID; imported under the derived UID \(derived[0])",
                                 "warning: line 10: VEVENT at line 10 has no UID; imported under the derived UID \(derived[1])"])

            for (batch, imported) in [("uidless", 3), ("uidless-rerun", 0)] {
                let submitted = try cli.run(["submit", "--batch", batch, "--source", source, "--target", target])
                #expect(submitted.status == 0, "\(submitted.standardError)")
                let work = try cli.run(["work", "--until-idle", "--concurrency", "2"], timeout: 600)
                #expect(work.status == 0, "\(work.standardError.suffix(2000))")
                let status = try BatchStatusJSON.read(cli, batch: batch)
                #expect(status.succeeded == 1, "\(batch)")
                #expect(status.partial == 0, "\(batch)")
                #expect(status.eventsImported == imported, "\(batch)")
                let stored = ComponentScan.identities(in: try server.readBack(try server.collectionURL(for: account)))
                #expect(stored.sorted() == (derived + ["with-uid@example.com"]).sorted(), "\(server) after \(batch)")
            }
        }
    }
}
