import Testing
@testable import TenantGenerator

@Suite("Calendar arithmetic")
struct CalendarArithmeticTests {
    @Test func civilDatesRoundTrip() {
        #expect(CivilDate(daysSince1970: 0) == CivilDate(year: 1970, month: 1, day: 1))
        #expect(CivilDate(year: 2025, month: 1, day: 1).daysSince1970 == 20_089)
        #expect(CivilDate(year: 2024, month: 2, day: 29).daysSince1970 + 1 == CivilDate(year: 2024, month: 3, day: 1).daysSince1970)
        for day in stride(from: -150_000, through: 30_000, by: 37) {
            #expect(CivilDate(daysSince1970: day).daysSince1970 == day)
        }
        #expect(CivilDate(year: 2025, month: 1, day: 1).weekday == 2, "2025-01-01 was a Wednesday")
    }

    @Test func formatsRFC5545Values() {
        let time = CalendarTime(day: CivilDate(year: 2025, month: 3, day: 9).daysSince1970, hour: 7, minute: 5, second: 9)
        #expect(time.dateTimeText == "20250309T070509")
        #expect(time.utcText == "20250309T070509Z")
        #expect(time.dateText == "20250309")
    }

    @Test func monthlyRulesHitTheRightDays() {
        let start = CivilDate(year: 2025, month: 1, day: 1).daysSince1970
        let lastFridays = RecurrencePattern(frequency: .monthlyOnWeekday(ordinal: -1, weekday: 4), end: .count(3))
            .occurrenceDays(startingOnOrAfter: start).map { CivilDate(daysSince1970: $0) }
        #expect(lastFridays == [.init(year: 2025, month: 1, day: 31), .init(year: 2025, month: 2, day: 28), .init(year: 2025, month: 3, day: 28)])
        let secondTuesdays = RecurrencePattern(frequency: .monthlyOnWeekday(ordinal: 2, weekday: 1), end: .count(2))
            .occurrenceDays(startingOnOrAfter: start).map { CivilDate(daysSince1970: $0) }
        #expect(secondTuesdays == [.init(year: 2025, month: 1, day: 14), .init(year: 2025, month: 2, day: 11)])
    }

    @Test func weeklyRuleWithIntervalSkipsWeeks() {
        let monday = CivilDate(year: 2025, month: 3, day: 3).daysSince1970
        let pattern = RecurrencePattern(frequency: .weekly(weekdays: [0, 2], interval: 2), end: .untilOccurrence(3))
        let days = pattern.occurrenceDays(startingOnOrAfter: monday + 1)
        #expect(days.map { $0 - monday } == [2, 14, 16, 28])
        #expect(pattern.ruleText(occurrenceDays: days) == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20250331T235959Z")
    }

    /// Every observance onset is a day its own RRULE produces (DTSTART synchronised with RRULE).
    @Test(arguments: [TimeZoneDefinition.berlin, .london, .newYork, .westEurope, .easternUS])
    func timeZoneOnsetsMatchTheirRules(zone: TimeZoneDefinition) throws {
        for observance in zone.observances {
            let rule = try #require(observance.rule)
            let year = Int(observance.onset.prefix(4))!, month = Int(observance.onset.dropFirst(4).prefix(2))!
            let day = Int(observance.onset.dropFirst(6).prefix(2))!
            let byDay = String(try #require(rule.split(separator: ";").first { $0.hasPrefix("BYDAY=") }).dropFirst(6))
            let byMonth = Int(try #require(rule.split(separator: ";").first { $0.hasPrefix("BYMONTH=") }).dropFirst(8))!
            let ordinal = Int(byDay.dropLast(2))!
            let weekday = try #require(RecurrencePattern.weekdayNames.firstIndex(of: String(byDay.suffix(2))))
            #expect(month == byMonth)
            #expect(RecurrencePattern.day(ordinal: ordinal, weekday: weekday, year: year, month: month)
                == CivilDate(year: year, month: month, day: day).daysSince1970)
        }
    }

    @Test func seededGeneratorIsStableAndSeedSensitive() {
        var first = SeededGenerator(seed: 1)
        var again = SeededGenerator(seed: 1)
        var other = SeededGenerator(seed: 2)
        let a = (0..<8).map { _ in first.next() }
        #expect(a == (0..<8).map { _ in again.next() })
        #expect(a != (0..<8).map { _ in other.next() })
        var ranged = SeededGenerator(seed: 9)
        let values = (0..<10_000).map { _ in ranged.int(in: -3...3) }
        #expect(values.allSatisfy { (-3...3).contains($0) })
        #expect(Set(values).count == 7)
    }
}
