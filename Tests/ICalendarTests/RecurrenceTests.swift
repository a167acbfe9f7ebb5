import Foundation
import Testing
@testable import ICalendar

@Suite struct RecurrenceTests {
    /// The first `limit` instances of `rule` from `start` (local), as `YYYYMMDDTHHMMSS`.
    func expand(_ rule: String, from start: String, limit: Int = 20) throws -> [String] {
        let value = try #require(DateTimeValue.parse(start))
        let parsed = try #require(RecurrenceRule.parse(rule).rule)
        var iterator = RecurrenceIterator(rule: parsed, start: value.local, isDate: value.isDate, stopAfter: nil,
                                          localToUTC: { $0.secondsAsUTC })
        var result: [String] = []
        while result.count < limit, let next = iterator.next() {
            result.append(value.isDate ? next.dateFormat : next.basicFormat)
        }
        return result
    }

    @Test func monthlyNthWeekday() throws {
        // RFC 5545: monthly on the first Friday.
        #expect(try expand("FREQ=MONTHLY;COUNT=4;BYDAY=1FR", from: "19970905T090000")
            == ["19970905T090000", "19971003T090000", "19971107T090000", "19971205T090000"])
        // Second-to-last Monday.
        #expect(try expand("FREQ=MONTHLY;COUNT=3;BYDAY=-2MO", from: "19970922T090000")
            == ["19970922T090000", "19971020T090000", "19971117T090000"])
    }

    @Test func negativeMonthDayAndBySetPos() throws {
        #expect(try expand("FREQ=MONTHLY;BYMONTHDAY=-3;COUNT=3", from: "19970928T090000")
            == ["19970928T090000", "19971029T090000", "19971128T090000"])
        // Third instance of Tu/We/Th in the month.
        #expect(try expand("FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", from: "19970904T090000")
            == ["19970904T090000", "19971007T090000", "19971106T090000"])
    }

    @Test func weeklyWithIntervalAndWeekStart() throws {
        // RFC 5545 WKST example: differs between MO and SU.
        #expect(try expand("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", from: "19970805T090000")
            == ["19970805T090000", "19970810T090000", "19970819T090000", "19970824T090000"])
        #expect(try expand("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", from: "19970805T090000")
            == ["19970805T090000", "19970817T090000", "19970819T090000", "19970831T090000"])
    }

    @Test func yearlyByMonthByDayByWeekNoByYearDay() throws {
        // US Thanksgiving-like: fourth Thursday of November.
        #expect(try expand("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;COUNT=3", from: "20231123T120000")
            == ["20231123T120000", "20241128T120000", "20251127T120000"])
        // Monday of ISO week 20.
        #expect(try expand("FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO;COUNT=3", from: "19970512T090000")
            == ["19970512T090000", "19980511T090000", "19990517T090000"])
        // Days 1, 100 and 200 every third year.
        #expect(try expand("FREQ=YEARLY;INTERVAL=3;COUNT=4;BYYEARDAY=1,100,200", from: "19970101T090000")
            == ["19970101T090000", "19970410T090000", "19970719T090000", "20000101T090000"])
        // February 29 only in leap years.
        #expect(try expand("FREQ=YEARLY;COUNT=3", from: "20240229", limit: 3) == ["20240229", "20280229", "20320229"])
    }

    @Test func dailyWithByHourAndHourly() throws {
        #expect(try expand("FREQ=DAILY;BYHOUR=9,17;COUNT=4", from: "20240101T090000")
            == ["20240101T090000", "20240101T170000", "20240102T090000", "20240102T170000"])
        #expect(try expand("FREQ=HOURLY;INTERVAL=3;UNTIL=20240101T170000", from: "20240101T090000")
            == ["20240101T090000", "20240101T120000", "20240101T150000"])
        #expect(try expand("FREQ=MINUTELY;INTERVAL=20;BYHOUR=9;COUNT=4", from: "20240101T090000")
            == ["20240101T090000", "20240101T092000", "20240101T094000", "20240102T090000"])
    }

    @Test func monthlyOn31stSkipsShortMonths() throws {
        #expect(try expand("FREQ=MONTHLY;COUNT=3", from: "20240131T100000")
            == ["20240131T100000", "20240331T100000", "20240531T100000"])
    }

    @Test func skipKeepsAlignmentWithInterval() throws {
        let rule = try #require(RecurrenceRule.parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO").rule)
        let start = LocalDateTime(year: 2024, month: 1, day: 1, hour: 9)
        var iterator = RecurrenceIterator(rule: rule, start: start, isDate: false, stopAfter: nil, localToUTC: { $0.secondsAsUTC })
        iterator.skip(toward: LocalDateTime(year: 2024, month: 3, day: 5))
        _ = iterator.next() // DTSTART
        // Mondays every two weeks from 2024-01-01: …, 2024-02-26, 2024-03-11.
        #expect(iterator.next()?.basicFormat == "20240226T090000")
        #expect(iterator.next()?.basicFormat == "20240311T090000")
    }

    @Test func rdateAddsInstancesAndPeriods() throws {
        let data = Fixtures.calendar("""
        BEGIN:VEVENT
        UID:rdate
        DTSTART:20231201T100000Z
        DTEND:20231201T110000Z
        RDATE:20231205T100000Z,20240110T100000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:rdate-period
        DTSTART:20231201T100000Z
        RDATE;VALUE=PERIOD:20231231T100000Z/P2D
        END:VEVENT
        """)
        #expect(try Fixtures.keptUIDs(data, Fixtures.window("20240110T100000Z", "20240110T100001Z")) == ["rdate"])
        #expect(try Fixtures.keptUIDs(data, Fixtures.window("20240101T000000Z", "20240102T000000Z")) == ["rdate-period"])
    }

    @Test func dstGapAndOverlapFollowRFC5545() throws {
        let zone = ZoneRules.system(try #require(TimeZone(identifier: "Europe/Berlin")))
        // 2024-03-31 02:30 does not exist in Berlin: read with the offset before the gap (+01:00) = 01:30Z.
        #expect(zone.utc(from: LocalDateTime(year: 2024, month: 3, day: 31, hour: 2, minute: 30)) == Fixtures.seconds("20240331T013000Z"))
        // 2024-10-27 02:30 happens twice: the first (+02:00) = 00:30Z.
        #expect(zone.utc(from: LocalDateTime(year: 2024, month: 10, day: 27, hour: 2, minute: 30)) == Fixtures.seconds("20241027T003000Z"))
        let component = try #require(try CalendarDocument.parse(Fixtures.calendar(Fixtures.berlinTimeZone)).calendars[0].components.first)
        let rules = ZoneRules.vtimezone(try #require(VTimeZoneRules(component)))
        #expect(rules.utc(from: LocalDateTime(year: 2024, month: 3, day: 31, hour: 2, minute: 30)) == Fixtures.seconds("20240331T013000Z"))
        #expect(rules.utc(from: LocalDateTime(year: 2024, month: 10, day: 27, hour: 2, minute: 30)) == Fixtures.seconds("20241027T003000Z"))
        #expect(rules.utc(from: LocalDateTime(year: 2024, month: 7, day: 1, hour: 9)) == Fixtures.seconds("20240701T070000Z"))
        #expect(rules.utc(from: LocalDateTime(year: 2024, month: 1, day: 1, hour: 9)) == Fixtures.seconds("20240101T080000Z"))
    }
}

extension Fixtures {
    static func seconds(_ text: String) -> Int64 {
        Int64(date(text).timeIntervalSince1970)
    }
}
