import CalendarTargets
import Foundation
import ICalendar
import Testing

/// The file target read back: what it wrote compares clean; an account it never wrote reads
/// as an empty calendar.
struct FileReaderTests {
    @Test func whatTheFileTargetWroteReadsBackCleanAndAMissingOneEmpty() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("calimport-file-reader-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = FileTarget(directory: directory)
        let file = try Fixture.calendar(singles: 3)
        _ = try target.importCalendar(file, account: "anna@example.com", mode: .merge, logger: Fixture.logger)

        func read(_ account: String) throws -> (CalendarReadResult, FilteredCalendar) {
            let url = directory.appendingPathComponent("read-\(UUID().uuidString)")
            FileManager.default.createFile(atPath: url.path, contents: nil)
            let sink = try FileHandle(forWritingTo: url)
            let result = try target.readCalendar(account: account, into: sink, logger: Fixture.logger)
            try sink.close()
            return (result, try CalendarFilter(window: .unbounded).filter(contentsOf: url))
        }
        let (result, stored) = try read("anna@example.com")
        #expect(result == CalendarReadResult(exists: true, resources: 1))
        #expect(CalendarComparison(window: .unbounded).differences(expected: file, actual: stored) == [])
        #expect(stored.items.count == 5)
        let (missing, empty) = try read("nobody@example.com")
        #expect(missing == CalendarReadResult(exists: false) && empty.items.isEmpty)
        #expect(throws: CalendarTargetError.self) { try read("../escape") }
    }
}
