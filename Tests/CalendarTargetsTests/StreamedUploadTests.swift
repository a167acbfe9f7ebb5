import Foundation
import HTTPTransport
import ICalendar
import Testing
@testable import CalendarTargets

/// Request bodies streamed from a spool: the upload reads every byte in order whatever the
/// read size, and what a whole-file target writes is the in-memory serialization.
@Suite struct StreamedUploadTests {
    static func calendar() throws -> FilteredCalendar {
        try CalendarFilter(window: .unbounded).filter(Data(Fixture.text(singles: 40).utf8))
    }

    @Test func uploadReadsEveryByteInOrderWhateverTheReadSize() throws {
        let filtered = try Self.calendar()
        let spooled = try SpooledCalendar(filtered)
        let indices = Array(stride(from: 0, to: spooled.count, by: 3))
        let upload = try spooled.upload(of: indices)
        let expected = try spooled.serialized(indices)
        #expect(upload.count == Int64(expected.count))
        for size in [1, 7, 75, 4096, expected.count + 10] {
            var read = Data()
            var buffer = [UInt8](repeating: 0, count: size)
            while true {
                let count = try buffer.withUnsafeMutableBytes { try upload.read(at: Int64(read.count), into: $0) }
                if count == 0 { break }
                read.append(contentsOf: buffer[0..<count])
            }
            #expect(read == expected, "read size \(size)")
        }
        var form = MultipartBody()
        form.addFile(name: "file", filename: "calendar.ics", contentType: "text/calendar", content: upload)
        #expect(form.data.range(of: expected) != nil)
    }

    @Test func fileTargetWritesTheInMemorySerialization() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("file-target-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let filtered = try Self.calendar()
        let result = try FileTarget(directory: directory).importCalendar(filtered, account: "a@test", mode: .merge, logger: Fixture.logger)
        #expect(result.imported == filtered.counts.componentsKept)
        #expect(try Data(contentsOf: directory.appendingPathComponent("a@test.ics")) == filtered.serialized())
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["a@test.ics"])
    }
}
