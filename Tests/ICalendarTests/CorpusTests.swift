import Foundation
import Testing
@testable import ICalendar
import TestSupport

/// Every real-world file parses or throws ``ICalendarError`` cleanly, and what parses
/// round-trips: serialize → parse gives the same components.
@Suite struct CorpusTests {
    static var files: [URL] { get throws { try RealWorldCorpus.requireFiles() } }

    @Test func corpusIsPresentWhenRequired() {
        if RealWorldCorpus.isRequired {
            #expect(RealWorldCorpus.isPresent, "REQUIRE_CORPUS=1 but \(RealWorldCorpus.directory.path) is missing")
        }
    }

    @Test(.enabled(if: RealWorldCorpus.isEnabled))
    func everyFileParsesOrFailsCleanlyAndRoundTrips() throws {
        let files = try Self.files
        #expect(files.count > 300)
        var parsed = 0, failed = 0, roundTripped = 0
        for file in files {
            let filtered: FilteredCalendar
            do {
                filtered = try CalendarFilter(window: .unbounded).filter(contentsOf: file)
            } catch let error as ICalendarError {
                #expect(!error.message.isEmpty)
                failed += 1
                continue
            }
            parsed += 1
            let again = try CalendarFilter(window: .unbounded).filter(filtered.serialized())
            let before = filtered.items.flatMap(\.components), after = again.items.flatMap(\.components)
            #expect(before == after, "\(file.lastPathComponent)")
            #expect(filtered.calendarProperties == again.calendarProperties, "\(file.lastPathComponent)")
            #expect(filtered.timeZones == again.timeZones, "\(file.lastPathComponent)")
            if before == after { roundTripped += 1 }
        }
        print("corpus: \(files.count) files, \(parsed) parsed, \(failed) failed cleanly, \(roundTripped) round-tripped")
        #expect(parsed + failed == files.count)
        #expect(roundTripped == parsed)
    }

    /// A verification of a faithful copy finds nothing on real files (no false difference from
    /// odd RECURRENCE-IDs, duplicate UIDs, zones, unbounded rules), and finds a moved event.
    @Test(.enabled(if: RealWorldCorpus.isEnabled))
    func everyFileVerifiesCleanAgainstItsOwnCopyAndAShiftIsFound() throws {
        let window = Fixtures.window("20000101T000000Z", "20300101T000000Z")
        let filter = CalendarFilter(window: window), comparison = CalendarComparison(window: window)
        var compared = 0, shiftsFound = 0
        for file in try Self.files {
            guard let filtered = try? filter.filter(contentsOf: file), !filtered.items.isEmpty else { continue }
            let copy = try filter.filter(filtered.serialized())
            let found = comparison.differences(expected: filtered, actual: copy)
            #expect(found.isEmpty, "\(file.lastPathComponent): \(found.prefix(3))")
            compared += 1
            // The first item with a UTC DTSTART, moved one hour later on the "server".
            var moved = copy
            guard let index = moved.items.firstIndex(where: { $0.components.first?.first("DTSTART")?.value.hasSuffix("Z") == true }),
                  let start = moved.items[index].components[0].properties.firstIndex(where: { $0.name == "DTSTART" }),
                  let time = DateTimeValue.parse(moved.items[index].components[0].properties[start].value) else { continue }
            moved.items[index].components[0].properties[start].value = LocalDateTime.utcFormat(time.local.secondsAsUTC + 3_600)
            let shifted = comparison.differences(expected: filtered, actual: moved)
            if shifted.contains(where: { $0.kind == .shifted && $0.uid == moved.items[index].uid }) { shiftsFound += 1 }
        }
        print("corpus verification: \(compared) files compared clean, \(shiftsFound) moved events found shifted")
        #expect(compared > 200)
        #expect(shiftsFound > 50)
    }

    @Test(.enabled(if: RealWorldCorpus.isEnabled))
    func everyFileSurvivesABoundedWindow() throws {
        let filter = CalendarFilter(window: Fixtures.window("20100101T000000Z", "20300101T000000Z"))
        var kept = 0
        for file in try Self.files {
            guard let filtered = try? filter.filter(contentsOf: file) else { continue }
            #expect(filtered.counts.componentsKept <= filtered.counts.componentsInFile)
            kept += filtered.counts.itemsKept
        }
        #expect(kept > 0)
    }
}
