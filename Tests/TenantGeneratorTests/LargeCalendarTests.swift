import Foundation
import Testing
@testable import TenantGenerator

@Suite("Large calendar")
struct LargeCalendarTests {
    @Test(arguments: [300_000, 3_000_000])
    func reachesAboutTheRequestedSize(bytes requested: Int) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("large-\(UUID().uuidString).ics")
        defer { try? FileManager.default.removeItem(at: url) }
        let generator = TenantGenerator(configuration: .init(accounts: 10))
        let summary = try generator.writeLargeCalendar(to: url, approximateBytes: requested)
        let data = try Data(contentsOf: url)
        #expect(summary.bytes == data.count)
        #expect(data.count >= requested && data.count < requested + 64 * 1024)

        let lines = ContentLines(data)
        #expect(lines.allLinesEndInCRLF)
        #expect(lines.physical.allSatisfy { $0.count <= 75 })
        #expect(summary.components == lines.componentCount)
        let uids = lines.values(of: "UID")
        #expect(summary.uids == Set(uids).count)
        #expect(summary.components > summary.uids)
        #expect(lines.logical.last == "END:VCALENDAR")
    }

    @Test func largeCalendarUIDsDoNotClashWithTheTenant() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("large-\(UUID().uuidString).ics")
        defer { try? FileManager.default.removeItem(at: url) }
        let generator = TenantGenerator(configuration: .init(accounts: 3))
        _ = try generator.writeLargeCalendar(to: url, approximateBytes: 200_000)
        let large = Set(ContentLines(try Data(contentsOf: url)).values(of: "UID"))
        let tenant = Set((0..<3).flatMap { ContentLines(generator.calendar(forAccountAt: $0)).values(of: "UID") })
        #expect(large.isDisjoint(with: tenant))
        #expect(!large.isEmpty)
    }

    @Test func sameSeedWritesTheSameLargeCalendar() throws {
        let directory = FileManager.default.temporaryDirectory
        let first = directory.appendingPathComponent("large-\(UUID().uuidString).ics")
        let second = directory.appendingPathComponent("large-\(UUID().uuidString).ics")
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let generator = TenantGenerator(configuration: .init(seed: 42))
        _ = try generator.writeLargeCalendar(to: first, approximateBytes: 500_000)
        _ = try generator.writeLargeCalendar(to: second, approximateBytes: 500_000)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
    }
}
