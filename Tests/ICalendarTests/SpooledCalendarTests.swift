import Foundation
import Testing
@testable import ICalendar
import TestSupport

/// The worker's spooled calendar holds what the in-memory filter keeps: its whole body, a
/// subset's body and each item read back are byte for byte the in-memory serialization, and it
/// holds one fixed-size entry per item.
@Suite struct SpooledCalendarTests {
    /// Serializes `items` as the in-memory path does (a FilteredCalendar of just those).
    static func inMemory(_ calendar: FilteredCalendar, _ indices: [Int]) -> Data {
        var subset = calendar
        subset.items = indices.map { calendar.items[$0] }
        return subset.serialized()
    }

    /// Compares the spool of `url` with the in-memory filter of its bytes, in `window`.
    static func compare(_ url: URL, window: DateWindow) throws -> Bool {
        let filter = CalendarFilter(window: window)
        guard let expected = try? filter.filter(contentsOf: url) else {
            #expect(throws: ICalendarError.self) { try filter.spool(fileAt: url) { _ in } }
            return false
        }
        let spooled = try filter.spool(fileAt: url) { _ in }
        let name = url.lastPathComponent
        #expect(try spooled.serialized() == expected.serialized(), "\(name)")
        #expect(try SpooledCalendar(expected).serialized() == expected.serialized(), "\(name)")
        #expect(spooled.count == expected.items.count, "\(name)")
        #expect(spooled.counts == expected.counts, "\(name)")
        let odd = Array(stride(from: 1, to: spooled.count, by: 2))
        #expect(try spooled.serialized(odd) == inMemory(expected, odd), "\(name)")
        for index in 0..<min(spooled.count, expected.items.count) {
            let item = try spooled.item(at: index), original = expected.items[index]
            #expect(item.uid == original.uid, "\(name) item \(index)")
            #expect(item.timeZoneIDs == original.timeZoneIDs, "\(name) item \(index)")
            #expect(item.hasDerivedUID == original.hasDerivedUID, "\(name) item \(index)")
            #expect(spooled.serialized(item: item) == expected.serialized(item: original), "\(name) item \(index)")
            #expect(spooled.entries[index].kind == SpooledCalendar.Kind(original.components[0].name), "\(name) item \(index)")
        }
        return true
    }

    @Test func fixturesSpoolLikeInMemory() throws {
        let data = Fixtures.calendar(Fixtures.berlinTimeZone + "\n" + """
        BEGIN:VEVENT
        UID:a
        DTSTART;TZID=Europe/Berlin:20240304T090000
        RRULE:FREQ=WEEKLY;COUNT=5
        DESCRIPTION:a long description that is folded because it is much longer than seventy-five octets ü
        END:VEVENT
        BEGIN:VEVENT
        UID:a
        RECURRENCE-ID;TZID=Europe/Berlin:20240311T090000
        DTSTART;TZID=Europe/Berlin:20240311T100000
        END:VEVENT
        BEGIN:VTODO
        UID:t
        DTSTART;TZID=W. Europe Standard Time:20240305T090000
        END:VTODO
        BEGIN:VEVENT
        DTSTART:20240306T090000Z
        SUMMARY:no UID
        END:VEVENT
        BEGIN:VJOURNAL
        UID:j
        DTSTART:20240306T090000Z
        END:VJOURNAL
        """)
        let url = try StreamingFilterTests.temporaryFile(data)
        defer { try? FileManager.default.removeItem(at: url) }
        for window in StreamingFilterTests.windows {
            #expect(try Self.compare(url, window: window))
        }
        let spooled = try CalendarFilter(window: .unbounded).spool(fileAt: url) { _ in }
        #expect(spooled.entries.map(\.kind) == [.event, .todo, .event, .journal])
        #expect(spooled.entries.map(\.hasDerivedUID) == [false, false, true, false])
        #expect(spooled.derivedUIDLines.count == 1)
        #expect(MemoryLayout<SpooledCalendar.Entry>.stride == 24)
    }

    @Test(.enabled(if: RealWorldCorpus.isEnabled))
    func corpusSpoolsLikeInMemory() throws {
        var compared = 0
        for file in try RealWorldCorpus.requireFiles() {
            if try Self.compare(file, window: .unbounded) { compared += 1 }
        }
        #expect(compared > 300)
    }
}
