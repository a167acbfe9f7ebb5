import Foundation
import Testing
@testable import ICalendar

/// `calimport ics inspect` and `ics filter` end to end, through the built binary that
/// `ops/test` names in `CALIMPORT_BIN` (skipped without it).
@Suite struct ICSCommandTests {
    static let binary = ProcessInfo.processInfo.environment["CALIMPORT_BIN"]

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary!)
        process.arguments = arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test(.enabled(if: binary != nil))
    func inspectPrintsJSONAndText() throws {
        let url = try StreamingFilterTests.temporaryFile(CalendarInspectionTests.data)
        defer { try? FileManager.default.removeItem(at: url) }
        let json = try Self.run(["ics", "inspect", url.path, "--json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["uids"] as? Int == 6)
        #expect(object["overrides_without_master"] as? Int == 1)
        let zones = object["time_zones"] as? [[String: Any]] ?? []
        #expect(zones.compactMap { $0["source"] as? String } == ["iana", "windows", "file", "unresolved"])
        let text = try Self.run(["ics", "inspect", url.path])
        #expect(text.output.contains("  Eastern Standard Time: windows -> America/New_York (1 items)"))
        #expect(text.output.contains("line 42, UID nowhere: unknown TZID 'Mars/Olympus' read as floating"))
    }

    @Test(.enabled(if: binary != nil))
    func derivedUIDsAreCountedByInspectAndStreamedByFilter() throws {
        let url = try StreamingFilterTests.temporaryFile(DerivedUIDTests.data)
        defer { try? FileManager.default.removeItem(at: url) }
        let json = try Self.run(["ics", "inspect", url.path, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["uids"] as? Int == 7)
        #expect(object["derived_uids"] as? Int == 6)
        let text = try Self.run(["ics", "inspect", url.path])
        #expect(text.output.contains("items (UIDs): 7 (6 derived: the components had none);"))
        #expect(text.output.contains("warning: line 4, UID calimport-derived-"))
        let expected = try CalendarFilter(window: .unbounded).filter(DerivedUIDTests.data)
        let uids = try Self.run(["ics", "filter", url.path, "--uids"])
        #expect(uids.status == 0)
        #expect(uids.output == expected.items.map(\.uid).sorted().map { $0 + "\n" }.joined())
    }

    @Test(.enabled(if: binary != nil))
    func inspectOfANonCalendarFailsWithExitThree() throws {
        let url = try StreamingFilterTests.temporaryFile(Data("not a calendar\n".utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try Self.run(["ics", "inspect", url.path])
        #expect(result.status == 3)
        #expect(result.error.contains("no BEGIN:VCALENDAR"))
    }

    @Test(.enabled(if: binary != nil))
    func filterStreamsWhatTheInMemoryFilterSerializes() throws {
        let url = try StreamingFilterTests.temporaryFile(CalendarInspectionTests.data)
        defer { try? FileManager.default.removeItem(at: url) }
        let window = Fixtures.window("20240301T000000Z", "20240401T000000Z")
        let expected = try CalendarFilter(window: window).filter(CalendarInspectionTests.data)
        let result = try Self.run(["ics", "filter", url.path, "--from", "20240301T000000Z", "--to", "20240401T000000Z"])
        #expect(result.output == String(decoding: expected.serialized(), as: UTF8.self))
        #expect(result.error.contains("unknown TZID 'Mars/Olympus'") == expected.problems.contains { $0.reason.contains("Mars") })
        let uids = try Self.run(["ics", "filter", url.path, "--from", "20240301T000000Z", "--to", "20240401T000000Z", "--uids"])
        #expect(uids.output == expected.items.map(\.uid).sorted().map { $0 + "\n" }.joined())
    }
}
