import Foundation
import Testing
@testable import ICalendar
import TestSupport

/// The bounded-memory filter writes exactly what the in-memory filter serializes, reports
/// the same problems, and reads files in chunks that never cut a logical line.
@Suite struct StreamingFilterTests {
    static let windows: [DateWindow] = [
        .unbounded,
        Fixtures.window("20240101T000000Z", "20240401T000000Z"),
        Fixtures.window("20150101T000000Z", "20260101T000000Z"),
        DateWindow(from: Fixtures.date("20250101T000000Z"), to: nil),
    ]

    /// Streams `url` through `filter` into a temporary file and returns its bytes, counts and problems.
    static func stream(_ url: URL, _ filter: CalendarFilter) throws -> (Data, FilterCounts, [CalendarProblem]) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).ics")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let sink = try FileHandle(forWritingTo: output)
        var problems: [CalendarProblem] = []
        let counts = try filter.filter(fileAt: url, to: sink) { problems.append($0) }
        try sink.close()
        return (try Data(contentsOf: output), counts, problems)
    }

    static func temporaryFile(_ data: Data) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("input-\(UUID().uuidString).ics")
        try data.write(to: url)
        return url
    }

    static func sameProblems(_ a: [CalendarProblem], _ b: [CalendarProblem]) -> Bool {
        let key = { (p: CalendarProblem) in "\(p.severity) \(p.line ?? 0) \(p.uid ?? "") \(p.reason)" }
        return a.map(key).sorted() == b.map(key).sorted()
    }

    @Test func repairedAndDuplicatedInputStreamsLikeInMemory() throws {
        let data = Fixtures.calendar(Fixtures.berlinTimeZone + "\n" + """
        BEGIN:VEVENT
        UID:a
        SEQUENCE:1
        DTSTART;TZID=Europe/Berlin:20240304T090000
        RRULE:FREQ=WEEKLY;COUNT=5
        DESCRIPTION:folded over
          two lines with ü
        BEGIN:VALARM
        TRIGGER:-PT5M
        END:VALARM
        BEGIN:VEVENT
        UID:b
        DTSTART:20240305T090000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:a
        SEQUENCE:0
        DTSTART:20240306T090000Z
        END:VEVENT
        BEGIN:VEVENT
        DTSTART:20240306T090000Z
        END:VEVENT
        BEGIN:VTODO
        UID:c
        END:VTODO
        END:VEVENT
        """, lineEnd: "\n")
        let url = try Self.temporaryFile(data)
        defer { try? FileManager.default.removeItem(at: url) }
        for window in Self.windows {
            let filter = CalendarFilter(window: window)
            let expected = try filter.filter(data)
            let (bytes, counts, problems) = try Self.stream(url, filter)
            #expect(bytes == expected.serialized())
            #expect(counts == expected.counts)
            #expect(Self.sameProblems(problems, expected.problems))
        }
    }

    @Test func notACalendarThrowsLikeInMemory() throws {
        let url = try Self.temporaryFile(Data("BEGIN:VEVENT\nUID:x\nEND:VEVENT\n".utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: ICalendarError.self) { try Self.stream(url, CalendarFilter(window: .unbounded)) }
    }

    @Test func chunksEndOnLogicalLines() throws {
        let data = Data(("BEGIN:VCALENDAR\r\nX-A:one\r\n  folded\r\n\ttab\r\nX-B:two\nX-C:three\rX-D:four\r\n"
                         + "UID\r\n\r\n :956630271\r\nX-E\r\r :cr\nX-F:last\r\n\r\n").utf8)
        let url = try Self.temporaryFile(data)
        defer { try? FileManager.default.removeItem(at: url) }
        let whole: [String] = data.withUnsafeBytes { raw in
            var lines: [String] = []
            ContentLineScanner(bytes: raw.bindMemory(to: UInt8.self)).forEachLine { _, content in
                lines.append(String(decoding: content, as: UTF8.self))
            }
            return lines
        }
        #expect(whole.suffix(3) == ["UID:956630271", "X-E:cr", "X-F:last"])
        for size in [1, 2, 3, 5, 8, 13, 64] {
            var lines: [String] = []
            var reader = ChunkedFileReader(path: url.path)
            reader.chunkSize = size
            try reader.forEachChunk { chunk in
                ContentLineScanner(bytes: chunk.bytes).forEachLine { _, content in
                    lines.append(String(decoding: content, as: UTF8.self))
                }
            }
            #expect(lines == whole, "chunk size \(size)")
        }
    }

    @Test(.enabled(if: RealWorldCorpus.isEnabled))
    func corpusStreamsLikeInMemory() throws {
        var compared = 0
        for file in try CorpusTests.files {
            for window in Self.windows.prefix(2) {
                let filter = CalendarFilter(window: window)
                guard let expected = try? filter.filter(contentsOf: file) else {
                    #expect(throws: ICalendarError.self) { try Self.stream(file, filter) }
                    continue
                }
                let (bytes, counts, problems) = try Self.stream(file, filter)
                #expect(bytes == expected.serialized(), "\(file.lastPathComponent)")
                #expect(counts == expected.counts, "\(file.lastPathComponent)")
                #expect(Self.sameProblems(problems, expected.problems), "\(file.lastPathComponent)")
                compared += 1
            }
        }
        #expect(compared > 600)
    }

    @Test func uidsWhoseHashesCollideStayApart() throws {
        let data = Fixtures.calendar("""
        BEGIN:VEVENT
        UID:first
        DTSTART:20240105T090000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:second
        DTSTART:20240106T090000Z
        RRULE:FREQ=DAILY;COUNT=2
        END:VEVENT
        BEGIN:VEVENT
        UID:first
        DTSTART:20240107T090000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:second
        RECURRENCE-ID:20240107T090000Z
        DTSTART:20240107T100000Z
        END:VEVENT
        """)
        let url = try Self.temporaryFile(data)
        defer { try? FileManager.default.removeItem(at: url) }
        let filter = CalendarFilter(window: .unbounded)
        var items: [CalendarItem] = []
        var problems: [CalendarProblem] = []
        let calendar = try filter.forEachKeptItem(fileAt: url, index: ItemIndex(hash: { _ in 7 }),
                                                  problems: { problems.append($0) }) { items.append($0) }
        let expected = try filter.filter(data)
        #expect(items.map(\.uid) == ["first", "second"])
        #expect(items.map(\.components) == expected.items.map(\.components))
        #expect(calendar.counts == expected.counts)
        #expect(Self.sameProblems(problems, expected.problems))
    }
}

