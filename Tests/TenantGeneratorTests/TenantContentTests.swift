import Foundation
import Testing
@testable import TenantGenerator

@Suite("Tenant content")
struct TenantContentTests {
    static let generator = TenantGenerator(configuration: .init(accounts: 20))
    static let calendars = (0..<20).map { ContentLines(generator.calendar(forAccountAt: $0)) }

    @Test func uidsAreUniqueAcrossTheTenant() {
        var seen: [String: Int] = [:]
        var clashes = 0
        for (account, calendar) in Self.calendars.enumerated() {
            for uid in Set(calendar.values(of: "UID")) {
                if let other = seen.updateValue(account, forKey: uid), other != account { clashes += 1 }
            }
        }
        #expect(clashes == 0)
        #expect(seen.count > 20 * 20)
    }

    @Test func uidShapesAreRealistic() {
        let uids = Self.calendars.flatMap { $0.values(of: "UID") }
        #expect(uids.contains { $0.hasPrefix("040000008200E00074C5B7101A82E008") })
        #expect(uids.contains { $0.hasSuffix("@google.com") })
        #expect(uids.contains { $0.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil })
    }

    @Test func summaryCountsTheComponentsWritten() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tenant-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = try Self.generator.write(to: directory)
        var components = 0, bytes = 0, uids = 0
        for name in Self.generator.accountNames() {
            let data = try Data(contentsOf: directory.appendingPathComponent(name + ".ics"))
            let lines = ContentLines(data)
            components += lines.componentCount
            uids += Set(lines.values(of: "UID")).count
            bytes += data.count
        }
        #expect(summary == TenantSummary(accounts: 20, components: components, uids: uids, bytes: bytes))
        #expect(components > uids, "overrides share the UID of their series")
    }

    @Test func everyTimeZoneUsedIsDefinedBeforeTheEvents() {
        for calendar in Self.calendars {
            let defined = calendar.values(of: "TZID")
            let used = Set(calendar.logical.compactMap { line -> String? in
                guard let range = line.firstRange(of: ";TZID="), let colon = ContentLines.valueColon(in: line) else { return nil }
                return String(line[range.upperBound..<colon])
            })
            #expect(used.isSubset(of: Set(defined)))
            #expect(Set(defined).count == defined.count)
            let lastTimeZone = calendar.logical.lastIndex(of: "END:VTIMEZONE") ?? 0
            let firstComponent = calendar.logical.firstIndex { $0 == "BEGIN:VEVENT" || $0 == "BEGIN:VTODO" } ?? .max
            #expect(lastTimeZone < firstComponent)
        }
    }

    @Test func productsAndTheirTimeZonesVary() {
        let productIDs = Set(Self.calendars.flatMap { $0.values(of: "PRODID") })
        #expect(productIDs.count == 3)
        let outlook = Self.calendars.filter { $0.values(of: "PRODID").first?.contains("Microsoft") == true }
        #expect(outlook.allSatisfy { $0.values(of: "TZID").contains { $0.hasSuffix("Standard Time") } })
        let google = Self.calendars.filter { $0.values(of: "PRODID").first?.contains("Google") == true }
        #expect(!google.isEmpty && google.allSatisfy { !$0.values(of: "X-WR-TIMEZONE").isEmpty })
        let zones = Set(Self.calendars.flatMap { $0.values(of: "TZID") })
        #expect(zones.isSuperset(of: ["Europe/Berlin", "America/New_York", "Europe/London", "Asia/Tokyo",
                                      "W. Europe Standard Time", "Eastern Standard Time"]))
    }

    @Test(arguments: 0..<20)
    func everyAccountHasTheWholeMix(account: Int) {
        let calendar = Self.calendars[account]
        let rules = calendar.values(of: "RRULE")
        #expect(rules.contains { $0.contains("FREQ=WEEKLY") })
        #expect(rules.contains { $0.contains("FREQ=MONTHLY") })
        #expect(!calendar.lines(named: "EXDATE").isEmpty)
        #expect(calendar.lines(named: "RECURRENCE-ID").count >= 2)
        #expect(calendar.lines(named: "DTSTART").contains { $0.contains("VALUE=DATE:") })
        #expect(calendar.values(of: "DTSTART").contains { $0.hasSuffix("Z") })
        #expect(calendar.lines(named: "DTSTART").contains { !$0.contains(";") && !$0.hasSuffix("Z") }, "floating")
        #expect(calendar.logical.filter { $0 == "BEGIN:VTODO" }.count >= 3)
        #expect(!calendar.lines(named: "ATTENDEE").isEmpty)
        #expect(calendar.values(of: "TRIGGER").contains("-PT15M"))
    }

    @Test(arguments: 0..<20)
    func overridesRaiseTheSequenceAndOneMovesToAnotherDay(account: Int) throws {
        let events = Self.calendars[account].components("VEVENT")
        let overrides = events.filter { $0.value(of: "RECURRENCE-ID") != nil }
        let masters = Dictionary(events.filter { $0.value(of: "RRULE") != nil }.map { ($0.value(of: "UID")!, $0) }) { first, _ in first }
        for override in overrides {
            let master = try #require(masters[override.value(of: "UID")!], "every override has its master")
            #expect(Int(override.value(of: "SEQUENCE")!)! > Int(master.value(of: "SEQUENCE")!)!)
        }
        #expect(overrides.contains { $0.value(of: "DTSTART")!.prefix(8) != $0.value(of: "RECURRENCE-ID")!.prefix(8) })
    }

    @Test func datesSpreadAroundTheEpoch() {
        let starts = Self.calendars.flatMap { $0.values(of: "DTSTART") }.filter { !$0.hasPrefix("1") }
        let days = starts.map { String($0.prefix(8)) }
        let inWindow = days.filter { $0 >= "20250101" && $0 < "20250701" }.count
        let before = days.filter { $0 < "20250101" }.count
        let after = days.filter { $0 >= "20250701" }.count
        let total = Double(days.count)
        #expect(Double(inWindow) / total > 0.15 && Double(inWindow) / total < 0.5)
        #expect(Double(before) / total > 0.2)
        #expect(Double(after) / total > 0.15)
        // Single events and series starts lie within a year of the epoch; overrides of the
        // latest series may follow them by up to half a year (a day or so more when moved).
        #expect(days.allSatisfy { $0 >= "20231231" && $0 < "20260705" })
    }
}
