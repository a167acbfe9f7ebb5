import Foundation
import Testing
@testable import ICalendar

/// Components without UID are imported under a stable derived UID (``DerivedUIDs``), the same
/// on every run, in memory and streamed, and reported as a warning naming their line.
@Suite struct DerivedUIDTests {
    /// Two identical UID-less events (but for DTSTAMP) with another between them (so a streamed
    /// read must not put the second next to the first), a blank UID, a UID-less series (master
    /// and override) and one with a UID, in that order.
    static let data = Fixtures.calendar("""
    BEGIN:VEVENT
    DTSTAMP:20240101T000000Z
    SUMMARY:Lunch
    DTSTART:20240110T120000Z
    END:VEVENT
    BEGIN:VEVENT
    SUMMARY:Dinner
    DTSTART:20240110T190000Z
    BEGIN:VALARM
    TRIGGER:-PT5M
    END:VALARM
    END:VEVENT
    BEGIN:VEVENT
    DTSTAMP:20250505T050505Z
    SUMMARY:Lunch
    DTSTART:20240110T120000Z
    END:VEVENT
    BEGIN:VEVENT
    UID:
    SUMMARY:Blank UID
    DTSTART:20240111T190000Z
    END:VEVENT
    BEGIN:VEVENT
    SUMMARY:Weekly
    DTSTART:20240101T090000Z
    RRULE:FREQ=WEEKLY;COUNT=4
    END:VEVENT
    BEGIN:VEVENT
    SUMMARY:Weekly moved
    RECURRENCE-ID:20240108T090000Z
    DTSTART:20240108T100000Z
    END:VEVENT
    BEGIN:VEVENT
    UID:real
    DTSTART:20240112T090000Z
    END:VEVENT
    """)

    /// The BEGIN lines of the UID-less components above (the calendar header takes lines 1–3).
    static let lines = [4, 9, 16, 21, 26, 31]

    @Test func sameFileGivesTheSameUIDsEveryRun() throws {
        let first = try CalendarFilter(window: .unbounded).filter(Self.data)
        let second = try CalendarFilter(window: .unbounded).filter(Data(Self.data))
        #expect(first.items.map(\.uid) == second.items.map(\.uid))
        #expect(first.serialized() == second.serialized())
        let derived = first.items.filter(\.hasDerivedUID)
        #expect(derived.count == 6)
        #expect(first.items.count == 7)
        #expect(first.counts == FilterCounts(componentsInFile: 7, componentsKept: 7, itemsKept: 7, derivedUIDs: 6))
        for item in derived {
            #expect(item.uid.wholeMatch(of: /calimport-derived-[0-9a-f]{32}(-[0-9]+)?/) != nil, "\(item.uid)")
            #expect(item.components.map { $0.all("UID").map(\.value) } == [[item.uid]])
        }
        #expect(first.items.last?.uid == "real")
        #expect(!first.items.last!.hasDerivedUID)
        let written = String(decoding: first.serialized(), as: UTF8.self)
        #expect(written.contains("UID:\(derived[0].uid)\r\n"))
        #expect(!written.contains("UID:\r\n"))
    }

    @Test func theRuleIsPinned() throws {
        // The rule must not change between versions: a re-run by a newer calimport would duplicate.
        // (`printf 'BEGIN:VEVENT\r\nSUMMARY:Lunch\r\nDTSTART:20240110T120000Z\r\nEND:VEVENT\r\n' | sha256sum`)
        let event = Component(name: "VEVENT", properties: [
            Property(name: "DTSTAMP", value: "20240101T000000Z"),
            Property(name: "SUMMARY", value: "Lunch"),
            Property(name: "DTSTART", value: "20240110T120000Z"),
        ])
        #expect(DerivedUIDs.base(of: event) == "calimport-derived-4ef409883a0c7e566977fbf54baade0e")
        var stamped = event
        stamped.properties[0].value = "20300101T000000Z"
        #expect(DerivedUIDs.base(of: stamped) == DerivedUIDs.base(of: event))
        var changed = event
        changed.properties[1].value = "Lunch!"
        #expect(DerivedUIDs.base(of: changed) != DerivedUIDs.base(of: event))
        #expect(DerivedUIDs.uid(base: "b", ordinal: 0) == "b")
        #expect(DerivedUIDs.uid(base: "b", ordinal: 2) == "b-3")
    }

    @Test func identicalEventsGetDistinctStableUIDs() throws {
        let items = try CalendarFilter(window: .unbounded).filter(Self.data).items
        let base = items[0].uid
        #expect(items[2].uid == base + "-2")
        #expect(items[1].components[0].first("SUMMARY")?.value == "Dinner")
        #expect(items[0].components[0].first("DTSTAMP")?.value == "20240101T000000Z")
        #expect(Set(items.map(\.uid)).count == items.count)
        // A series without UID cannot be grouped: the master and its override are items of their own.
        #expect(items[4].components.map { $0.first("SUMMARY")?.value } == ["Weekly"])
        #expect(items[5].components.map { $0.first("SUMMARY")?.value } == ["Weekly moved"])
        #expect(items[5].master == nil)
        // The blank UID is replaced, not doubled.
        #expect(items[3].components[0].properties.first?.name == "UID")
        #expect(items[3].components[0].first("UID")?.value.hasPrefix(DerivedUIDs.prefix) == true)
    }

    @Test func eachIsAWarningNamingItsLine() throws {
        let filtered = try CalendarFilter(window: .unbounded).filter(Self.data)
        #expect(!filtered.problems.contains { $0.severity == .error })
        let warnings = filtered.problems.filter { $0.reason.contains("has no UID") }
        #expect(warnings.map(\.line) == Self.lines.map(Optional.init))
        #expect(warnings.allSatisfy { $0.severity == .warning })
        let derived = filtered.items.filter(\.hasDerivedUID)
        #expect(warnings.map(\.uid) == derived.map(\.uid))
        #expect(warnings[0].reason == "VEVENT at line 4 has no UID; imported under the derived UID \(derived[0].uid)")
    }

    @Test func outsideTheWindowNeitherWarnedNorCounted() throws {
        let filtered = try CalendarFilter(window: Fixtures.window("20240111T000000Z", "20240113T000000Z")).filter(Self.data)
        #expect(filtered.items.map { $0.components[0].first("SUMMARY")?.value } == ["Blank UID", nil])
        #expect(filtered.counts.derivedUIDs == 1)
        #expect(filtered.problems.filter { $0.reason.contains("has no UID") }.map(\.line) == [21])
        // The same UID as in the whole file: the window does not change the numbering.
        let whole = try CalendarFilter(window: .unbounded).filter(Self.data)
        #expect(filtered.items[0].uid == whole.items[3].uid)
    }

    @Test(arguments: [false, true])
    func streamingGivesTheSameUIDs(collidingHashes: Bool) throws {
        let url = try StreamingFilterTests.temporaryFile(Self.data)
        defer { try? FileManager.default.removeItem(at: url) }
        let filter = CalendarFilter(window: .unbounded)
        let expected = try filter.filter(Self.data)
        var items: [CalendarItem] = []
        var problems: [CalendarProblem] = []
        let index = collidingHashes ? ItemIndex(hash: { _ in 7 }) : ItemIndex()
        let calendar = try filter.forEachKeptItem(fileAt: url, index: index, problems: { problems.append($0) }) {
            items.append($0)
        }
        #expect(items.map(\.uid) == expected.items.map(\.uid))
        #expect(items.map(\.components) == expected.items.map(\.components))
        #expect(calendar.counts == expected.counts)
        #expect(StreamingFilterTests.sameProblems(problems, expected.problems))
        if !collidingHashes {
            let (bytes, counts, _) = try StreamingFilterTests.stream(url, filter)
            #expect(bytes == expected.serialized())
            #expect(counts.derivedUIDs == 6)
        }
    }

    @Test func inspectionCountsDerivedUIDs() throws {
        let inspection = try CalendarInspection.inspect(Self.data)
        #expect(inspection.uids == 7)
        #expect(inspection.derivedUIDs == 6)
    }
}
