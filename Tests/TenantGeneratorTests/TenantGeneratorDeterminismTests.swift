import Foundation
import Testing
@testable import TenantGenerator

@Suite("TenantGenerator determinism")
struct TenantGeneratorDeterminismTests {
    let configuration = TenantGenerator.Configuration(accounts: 20)

    @Test func sameSeedGivesIdenticalBytes() {
        let first = TenantGenerator(configuration: configuration)
        let second = TenantGenerator(configuration: configuration)
        for index in [0, 1, 2, 7, 19] {
            #expect(first.calendar(forAccountAt: index) == second.calendar(forAccountAt: index))
        }
        #expect(first.accountNames() == second.accountNames())
    }

    @Test func differentSeedGivesDifferentCalendars() {
        var other = configuration
        other.seed = 2
        let first = TenantGenerator(configuration: configuration)
        let second = TenantGenerator(configuration: other)
        for index in [0, 5] {
            #expect(first.calendar(forAccountAt: index) != second.calendar(forAccountAt: index))
        }
        #expect(first.accountNames() != second.accountNames())
    }

    @Test func accountNamesAreUniqueAndShaped() throws {
        let names = TenantGenerator(configuration: .init(accounts: 1_000)).accountNames()
        #expect(names.count == 1_000)
        #expect(Set(names).count == names.count)
        let pattern = try Regex("^[a-z]+\\.[a-z]+\\.[0-9]{4,}@example\\.com$")
        #expect(names.allSatisfy { $0.wholeMatch(of: pattern) != nil })
        #expect(names[0].hasSuffix(".0001@example.com"))
        #expect(names[999].hasSuffix(".1000@example.com"))
    }

    @Test func epochDefaultIsFixed() {
        #expect(TenantGenerator.Configuration().epoch == Date(timeIntervalSince1970: 1_735_689_600))
    }

    @Test func writtenFilesEqualCalendarBytes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tenant-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let generator = TenantGenerator(configuration: .init(accounts: 6, eventsPerAccount: 12...20))
        let summary = try generator.write(to: directory)
        let names = generator.accountNames()
        #expect(summary.accounts == 6)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.path)) == Set(names.map { $0 + ".ics" }))
        for (index, name) in names.enumerated() {
            let file = try Data(contentsOf: directory.appendingPathComponent(name + ".ics"))
            #expect(file == generator.calendar(forAccountAt: index))
        }
    }
}
