import CalendarTargets
import Foundation
import ICalendar
import TestSupport
import Testing

/// The CalDAV reader against every real CalDAV server ops/test runs: what the connector
/// imported reads back and compares clean with the file; a calendar changed behind
/// calimport's back shows exactly the changes — missing, shifted, unexpected.
@Suite(.serialized) struct CalDAVReaderTests {
    let servers = CalDAVServerTests()

    /// Reads `account`'s calendar through the reader into a temporary file and filters it.
    func read(_ server: CalDAVServer, _ account: String) throws -> (CalendarReadResult, FilteredCalendar) {
        let reader = try #require(try servers.target(server) as? any CalendarReader)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("calimport-read-\(UUID().uuidString).ics")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: url) }
        let sink = try FileHandle(forWritingTo: url)
        let result = try reader.readCalendar(account: account, into: sink, logger: Fixture.logger)
        try sink.close()
        return (result, try CalendarFilter(window: .unbounded).filter(contentsOf: url))
    }

    @Test(arguments: CalDAVServer.available)
    func aMissingCalendarReadsAsEmpty(_ server: CalDAVServer) throws {
        let account = try servers.freshAccount(server, "read-missing")
        let (result, calendar) = try read(server, account)
        #expect(result == CalendarReadResult(exists: false))
        #expect(calendar.items.isEmpty)
    }

    /// 62 resources (two multiget REPORTs): clean after import; then one deleted, one moved by
    /// an hour in its own zone (Europe/Berlin) and one added on the server are found as such.
    @Test(arguments: CalDAVServer.available)
    func anImportReadsBackCleanAndChangesOnTheServerAreFound(_ server: CalDAVServer) throws {
        let account = try servers.freshAccount(server, "read")
        let file = try Fixture.calendar(singles: 60)
        _ = try servers.target(server).importCalendar(file, account: account, mode: .merge, logger: Fixture.logger)
        let comparison = CalendarComparison(window: .unbounded)
        let (result, stored) = try read(server, account)
        #expect(result.exists && result.resources == 62 && result.components == 63 && result.unreadable.isEmpty, "\(result)")
        #expect(comparison.differences(expected: file, actual: stored) == [])

        let collection = try server.collectionURL(for: account)
        let names = try server.resourceNames(in: collection)
        let deleted = try #require(names.first { $0.hasPrefix("single-2@") })
        #expect(try server.perform("DELETE", collection + deleted).isSuccess)
        let moved = try #require(names.first { $0.hasPrefix("single-3@") })
        let text = String(decoding: try server.perform("GET", collection + moved).body, as: UTF8.self)
        #expect(text.contains("DTSTART;TZID=Europe/Berlin:20250302T010000"), "\(text)")
        let later = text.replacingOccurrences(of: "DTSTART;TZID=Europe/Berlin:20250302T010000", with: "DTSTART;TZID=Europe/Berlin:20250302T020000")
        #expect(try server.perform("PUT", collection + moved, body: later).isSuccess)
        let added = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//by hand//EN\r\nBEGIN:VEVENT\r\nUID:added-by-hand@test\r\n"
            + "DTSTAMP:20250101T000000Z\r\nDTSTART:20250401T100000Z\r\nSUMMARY:Added by hand\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        #expect(try server.perform("PUT", collection + "added-by-hand.ics", body: added).isSuccess)

        let found = comparison.differences(expected: file, actual: try read(server, account).1)
        #expect(found.map { "\($0.kind) \($0.uid)" } == ["missing single-2@test", "shifted single-3@test", "unexpected added-by-hand@test"], "\(found)")
        #expect(found.first { $0.kind == .shifted }?.detail.contains("20250302T000000Z in the file, 20250302T010000Z on the server (+1h)") == true, "\(found)")
    }
}
