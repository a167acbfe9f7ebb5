import Foundation
import ICalendar
@testable import JobQueue
import Logging
import Synchronization
import TestSupport
import Testing

/// Components without UID are imported under derived UIDs, through the whole pipeline into
/// every real CalDAV server: the dry run counts them, the account succeeds (not partial), and
/// a second import of the same file by another worker process (what a re-run does) finds them
/// again instead of duplicating them, and so does the queue's retry of an attempt that failed
/// after some of them had landed.
@Suite(.enabled(if: TestDatabase.isEnabled), .serialized)
struct DerivedUIDImportTests {
    /// Two identical events without UID (DTSTAMP aside).
    static let standups = [
        "BEGIN:VEVENT", "DTSTAMP:20240101T000000Z", "SUMMARY:Standup", "DTSTART:20240110T090000Z", "DTEND:20240110T091500Z", "END:VEVENT",
        "BEGIN:VEVENT", "DTSTAMP:20240102T000000Z", "SUMMARY:Standup", "DTSTART:20240110T090000Z", "DTEND:20240110T091500Z", "END:VEVENT",
    ]

    /// The standups, then one event with a UID.
    static let calendar = Self.file(standups + [
        "BEGIN:VEVENT", "UID:with-uid@example.com", "SUMMARY:Review", "DTSTART:20240111T090000Z", "DTEND:20240111T100000Z", "END:VEVENT",
    ])

    static func file(_ components: [String]) -> String {
        (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"] + components + ["END:VCALENDAR", ""]).joined(separator: "\r\n")
    }

    /// A one-account tenant whose file is `text`, its homes created on `server`; its runner, and
    /// the UIDs calimport derives for `text`, in file order.
    static func account(_ text: String, on server: CalDAVServer, databaseURL: String) throws
        -> (tenant: TestTenant, account: String, cli: CommandRunner, derived: [String]) {
        let tenant = try TestTenant(accounts: 1, events: 1...1)
        let account = tenant.accounts[0]
        try Data(text.utf8).write(to: tenant.directory.appendingPathComponent(account + ".ics"))
        try tenant.createHomes(on: server)
        let derived = try CalendarFilter(window: .unbounded).filter(Data(text.utf8)).items.filter(\.hasDerivedUID).map(\.uid)
        return (tenant, account, tenant.runner(databaseURL: databaseURL, server: server), derived)
    }

    @Test(arguments: CalDAVServer.available)
    func uidLessEventsArriveOnceAcrossARerun(_ server: CalDAVServer) throws {
        let base = try server.requireURL()
        try TestDatabase.with { databaseURL in
            let (tenant, account, cli, derived) = try Self.account(Self.calendar, on: server, databaseURL: databaseURL)
            let source = tenant.directory.path
            let target = "caldav+\(base)/{account}/calendar/"
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

    /// Four components without UID first (the standups, an event, a todo), then two with one.
    static let retried = Self.file(standups + [
        "BEGIN:VEVENT", "DTSTAMP:20240101T000000Z", "SUMMARY:Lunch", "DTSTART:20240112T120000Z", "DTEND:20240112T130000Z", "END:VEVENT",
        "BEGIN:VTODO", "DTSTAMP:20240101T000000Z", "SUMMARY:Send minutes", "DUE:20240113T170000Z", "END:VTODO",
        "BEGIN:VEVENT", "UID:review@example.com", "SUMMARY:Review", "DTSTART:20240111T090000Z", "DTEND:20240111T100000Z", "END:VEVENT",
        "BEGIN:VEVENT", "UID:planning@example.com", "SUMMARY:Planning", "DTSTART:20240115T090000Z", "DTEND:20240115T100000Z", "END:VEVENT",
    ])

    /// A real queue retry: a proxy in front of the server lets three PUTs through, then answers
    /// 503 to every PUT until the account's first attempt has failed (transient) and gone back to
    /// the queue; the next attempt finds the three that landed (skipped, not duplicated) and
    /// imports the rest. At the end the server holds each UID-less component exactly once.
    @Test(arguments: CalDAVServer.available)
    func uidLessComponentsArriveOnceAcrossAQueueRetry(_ server: CalDAVServer) throws {
        let base = try server.requireURL()
        try TestDatabase.with { databaseURL in
            let (tenant, account, cli, derived) = try Self.account(Self.retried, on: server, databaseURL: databaseURL)
            #expect(derived.count == 4)

            let puts = Mutex((forwarded: 0, refusing: true))
            let proxy = try DroppingProxy(upstream: base, dropRate: 0, refuse: { line in
                guard line.hasPrefix("PUT ") else { return false }
                return puts.withLock { state in
                    if state.refusing && state.forwarded >= 3 { return true }
                    state.forwarded += 1
                    return false
                }
            })
            defer { proxy.stop() }
            let submitted = try cli.run(["submit", "--batch", "retried", "--source", tenant.directory.path,
                                         "--target", "caldav+\(proxy.url)/{account}/calendar/?parallel=1"])
            #expect(submitted.status == 0, "\(submitted.standardError)")
            let worker = try cli.start(["work", "--until-idle", "--concurrency", "1", "--lease", "5", "--heartbeat", "0.2", "--poll-interval", "0.3"])
            let queue = try JobQueue.open(url: databaseURL, logger: Logger(label: "test"))

            // The first attempt fails transiently with three components on the server, UID-less ones among them.
            #expect(try eventually(timeout: 120) {
                try queue.connection.query("SELECT count(*) AS n FROM job_attempts WHERE outcome = 'failed' AND error_class = 'transient'")
                    .first?["n"] != "0"
            })
            let collection = try server.collectionURL(for: account)
            let landed = ComponentScan.identities(in: try server.readBack(collection))
            #expect(landed.count == 3 && landed.allSatisfy(derived.contains), "\(landed)")
            puts.withLock { $0.refusing = false }

            let output = try worker.wait(timeout: 300)
            #expect(output.status == 0, "\(output.standardError.suffix(2000))")
            let status = try BatchStatusJSON.read(cli, batch: "retried")
            #expect(status.succeeded == 1 && status.partial == 0)
            let job = try #require(try queue.accountJobs(AccountJobFilter(batch: "retried")).first)
            #expect(job.attempts >= 2, "\(job)")
            // The retry found the three that had landed and imported the other three.
            #expect(job.imported == 3 && job.skipped == 3 && job.failed == 0, "\(job)")
            // jobs shows the operator how many were derived.
            let row = try cli.run(["jobs", "--batch", "retried", "--json"]).standardOutput
            let fields = try #require(try JSONSerialization.jsonObject(with: Data(row.utf8)) as? [String: Any])
            #expect(fields["derived_uids"] as? Int == 4, "\(row)")
            let stored = ComponentScan.identities(in: try server.readBack(collection))
            #expect(stored.sorted() == (derived + ["review@example.com", "planning@example.com"]).sorted(), "\(server): \(stored)")
        }
    }
}
