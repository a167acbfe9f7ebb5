import Foundation
import ICalendar
import TenantGenerator
import TestSupport
import Testing

/// A multi-hundred-MB account (`LARGE_ACCOUNT_MB`, default 250) goes through one
/// `calimport work` process of 16 slots with its peak resident set bounded (`worker.stopped`
/// reports the process's own peak RSS), into a whole-file target and into a real CalDAV
/// server. Asserted from memory, not timed.
///
/// The account is 20 MB of the ICS benchmark's dense Outlook-shaped calendar (~12,000
/// components) followed by events carrying ~1 MB attachments (as shared and resource
/// calendars do) up to the size: the debug build the suite runs parses dense events at a few
/// MB/s, attachments at ~30 MB/s, so the test stays within minutes. `ops/bench/memory` runs a
/// dense 1 GB account on the release build.
@Suite(.enabled(if: TestDatabase.isEnabled), .serialized)
struct LargeAccountMemoryTests {
    static let megabytes = Int(ProcessInfo.processInfo.environment["LARGE_ACCOUNT_MB"] ?? "") ?? 250
    /// The bound the test holds the worker to. `ops/bench/memory` shows the release build at
    /// 72–90 MB (README, goal 128 MB); this debug-build worker stayed under 128 MB on a quiet
    /// machine and reached 164–197 MB in loaded runs (cause not found yet; suspected: glibc's
    /// per-thread arenas and its dynamic mmap threshold keeping freed ~1 MB buffers). The
    /// in-memory path needs ~4.7× the file (~1,150 MB here), so a return to it fails.
    static let peakLimitKB = 256 * 1024

    /// A tenant of two ordinary accounts whose first account's file is replaced by the large
    /// calendar; the caller deletes `directory`.
    static func tenant() throws -> (tenant: TestTenant, account: String, summary: CalendarSummary) {
        let tenant = try TestTenant(accounts: 2, events: 5...10)
        let account = tenant.accounts[0]
        let generator = TenantGenerator(configuration: .init(accounts: 1, seed: 5, domain: tenant.domain))
        let file = tenant.directory.appendingPathComponent(account + ".ics")
        var summary = try generator.writeLargeCalendar(to: file, approximateBytes: 20_000_000)
        // Drop END:VCALENDAR, append events with attachments up to the size, end the calendar again.
        let handle = try FileHandle(forUpdating: file)
        defer { try? handle.close() }
        let end = Data("END:VCALENDAR\r\n".utf8)
        try handle.truncate(atOffset: UInt64(summary.bytes - end.count))
        try handle.seekToEnd()
        let payload = String(repeating: "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0MjQy", count: 25_000)
        var number = 0
        while summary.bytes < megabytes * 1_000_000 {
            let event = attachmentEvent(number, payload: payload)
            try handle.write(contentsOf: event)
            summary.bytes += event.count
            summary.components += 1
            number += 1
        }
        try handle.write(contentsOf: end)
        return (tenant, account, summary)
    }

    /// A one-hour event on a day of March 2025 carrying `payload` as an inline attachment, folded.
    static func attachmentEvent(_ number: Int, payload: String) -> Data {
        let day = 1 + number % 28
        let property = Array("ATTACH;ENCODING=BASE64;VALUE=BINARY;FMTTYPE=application/pdf:\(payload)".utf8)
        var text = "BEGIN:VEVENT\r\nUID:attachment-\(number)@large.example\r\nDTSTAMP:20250101T000000Z\r\n"
            + String(format: "DTSTART:202503%02dT090000Z\r\nDTEND:202503%02dT100000Z\r\n", day, day)
            + "SUMMARY:Report \(number)\r\n"
        var data = Data(text.utf8)
        var start = 0
        while start < property.count {
            let width = start == 0 ? 75 : 74
            if start > 0 { data.append(UInt8(ascii: " ")) }
            data.append(contentsOf: property[start..<min(start + width, property.count)])
            data.append(contentsOf: [13, 10])
            start += width
        }
        text = "END:VEVENT\r\n"
        data.append(Data(text.utf8))
        return data
    }

    /// What one run showed: the commands' outputs, the batch's status and what reached the target.
    struct Observed: Sendable {
        var submit: CommandRunner.Output
        var work: CommandRunner.Output
        var status: BatchStatusJSON
        /// The size of the large account's output file (file target), or the identities the
        /// server holds for it (CalDAV).
        var writtenBytes = 0
        var stored: [String] = []
        var components = 0

        /// The peak RSS `worker.stopped` reported, in kB.
        var peakKB: Int? { work.standardError.firstMatch(of: /process\.peak_rss_kb=(\d+)/).flatMap { Int($0.1) } }
    }

    /// Works everything with 16 slots, logging at info (so `worker.stopped` reports the peak).
    static func work(_ cli: CommandRunner) throws -> CommandRunner.Output {
        try cli.run(["work", "--until-idle", "--concurrency", "16", "--log-level", "info"], timeout: 900)
    }

    /// The expectations every run shares: both accounts succeeded within the memory bound.
    static func expectBounded(_ seen: Observed, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(seen.submit.status == 0, "\(seen.submit.standardError)", sourceLocation: sourceLocation)
        #expect(seen.work.status == 0, "\(seen.work.standardError.suffix(2000))", sourceLocation: sourceLocation)
        let peak = try #require(seen.peakKB, "worker.stopped reported no peak RSS: \(seen.work.standardError.suffix(2000))",
                                sourceLocation: sourceLocation)
        #expect(peak <= Self.peakLimitKB, "peak RSS \(peak / 1024) MB for a \(Self.megabytes) MB account", sourceLocation: sourceLocation)
        #expect(seen.status.succeeded == 2, "\(seen.status.failedAccounts)", sourceLocation: sourceLocation)
    }

    /// The runs take minutes: off Swift concurrency's cooperative threads (2 here), which the
    /// in-process servers of other tests need.
    @Test func largeAccountIntoFilesInBoundedMemory() async throws {
        let seen = try await offCooperativePool {
            try TestDatabase.with { databaseURL in
                let (tenant, account, summary) = try Self.tenant()
                let output = FileManager.default.temporaryDirectory.appendingPathComponent("large-out-\(UUID().uuidString)")
                defer {
                    try? FileManager.default.removeItem(at: tenant.directory)
                    try? FileManager.default.removeItem(at: output)
                }
                let cli = tenant.runner(databaseURL: databaseURL)
                let submit = try cli.run(["submit", "--batch", "large-file", "--source", tenant.directory.path,
                                          "--target", "file://\(output.path)", "--from", "2000-01-01T00:00:00Z", "--to", "2100-01-01T00:00:00Z"])
                let work = try Self.work(cli)
                var seen = Observed(submit: submit, work: work, status: try BatchStatusJSON.read(cli, batch: "large-file"))
                let written = output.appendingPathComponent(account + ".ics")
                seen.writtenBytes = (try? FileManager.default.attributesOfItem(atPath: written.path)[.size] as? Int) ?? 0
                seen.components = summary.components
                return seen
            }
        }
        try Self.expectBounded(seen)
        // Every component of the large file arrived, in a file at least as large as the source's events.
        #expect(seen.writtenBytes > Self.megabytes * 900_000)
        #expect(seen.status.eventsImported >= seen.components)
    }

    @Test(arguments: CalDAVServer.available.prefix(1))
    func largeAccountIntoCalDAVInBoundedMemory(_ server: CalDAVServer) async throws {
        let base = try server.requireURL()
        let seen = try await offCooperativePool {
            try TestDatabase.with { databaseURL in
                let (tenant, account, _) = try Self.tenant()
                defer { try? FileManager.default.removeItem(at: tenant.directory) }
                try tenant.createHomes(on: server)
                let cli = tenant.runner(databaseURL: databaseURL, server: server)
                // The whole file is read and filtered; a few days keep a few thousand resources to PUT.
                let submit = try cli.run(["submit", "--batch", "large-caldav", "--source", tenant.directory.path,
                                          "--target", "caldav+\(base)/{account}/calendar/",
                                          "--from", "2025-03-03T00:00:00Z", "--to", "2025-03-05T00:00:00Z"])
                let work = try Self.work(cli)
                var seen = Observed(submit: submit, work: work, status: try BatchStatusJSON.read(cli, batch: "large-caldav"))
                seen.stored = ComponentScan.identities(in: try server.readBack(try server.collectionURL(for: account)))
                return seen
            }
        }
        try Self.expectBounded(seen)
        #expect(seen.stored.count > 100)
        #expect(Set(seen.stored).count == seen.stored.count)
    }
}
