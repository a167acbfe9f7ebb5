import Foundation
import Testing
@testable import ICalendar

@Suite struct WindowFilterTests {
    let january = Fixtures.window("20240101T000000Z", "20240201T000000Z")

    @Test func instantAtFromIsKeptAndAtToIsNot() throws {
        let data = Fixtures.calendar("""
        BEGIN:VEVENT
        UID:at-from
        DTSTART:20240101T000000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:at-to
        DTSTART:20240201T000000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:ends-at-from
        DTSTART:20231231T230000Z
        DTEND:20240101T000000Z
        END:VEVENT
        BEGIN:VTODO
        UID:todo-undated
        END:VTODO
        """)
        #expect(try Fixtures.keptUIDs(data, january) == ["at-from", "todo-undated"])
    }

    @Test func allDayCoversTheWholeDayInTheCalendarZone() throws {
        let events = """
        BEGIN:VEVENT
        UID:day
        DTSTART;VALUE=DATE:20240131
        END:VEVENT
        """
        // 2024-01-31 in UTC lasts until 2024-02-01T00:00Z: it overlaps a window ending at 23:30Z.
        #expect(try Fixtures.keptUIDs(Fixtures.calendar(events), Fixtures.window("20240131T233000Z", "20240301T000000Z")) == ["day"])
        // In Tokyo the day ends at 2024-01-31T15:00Z.
        let tokyo = Fixtures.calendar(events, header: "X-WR-TIMEZONE:Asia/Tokyo")
        #expect(try Fixtures.keptUIDs(tokyo, Fixtures.window("20240131T150000Z", "20240301T000000Z")).isEmpty)
        #expect(try Fixtures.keptUIDs(tokyo, Fixtures.window("20240131T145900Z", "20240301T000000Z")) == ["day"])
    }

    @Test func floatingTimesTakeXWRTimezone() throws {
        let event = "BEGIN:VEVENT\nUID:f\nDTSTART:20240115T090000\nDTEND:20240115T100000\nEND:VEVENT"
        let window = Fixtures.window("20240115T083000Z", "20240115T090000Z")
        #expect(try Fixtures.keptUIDs(Fixtures.calendar(event, header: "X-WR-TIMEZONE:Europe/Berlin"), window) == ["f"])
        #expect(try Fixtures.keptUIDs(Fixtures.calendar(event), window).isEmpty)
    }

    /// Weekly 09:00 Berlin from 2024-03-04; DST starts 2024-03-31. The instance on 2024-04-01
    /// is at 07:00Z (CEST), the one on 2024-03-25 at 08:00Z (CET).
    @Test(arguments: [true, false])
    func weeklySeriesKeepsLocalTimeAcrossDST(withVTimeZone: Bool) throws {
        let body = (withVTimeZone ? Fixtures.berlinTimeZone + "\n" : "") + """
        BEGIN:VEVENT
        UID:weekly
        DTSTART;TZID=Europe/Berlin:20240304T090000
        DTEND;TZID=Europe/Berlin:20240304T093000
        RRULE:FREQ=WEEKLY;COUNT=10
        END:VEVENT
        """
        let data = Fixtures.calendar(body)
        #expect(try Fixtures.keptUIDs(data, Fixtures.window("20240401T070000Z", "20240401T071000Z")) == ["weekly"])
        #expect(try Fixtures.keptUIDs(data, Fixtures.window("20240401T080000Z", "20240401T090000Z")).isEmpty)
        #expect(try Fixtures.keptUIDs(data, Fixtures.window("20240325T080000Z", "20240325T080100Z")) == ["weekly"])
        #expect(try Fixtures.keptUIDs(data, Fixtures.window("20240325T070000Z", "20240325T075900Z")).isEmpty)
        let filtered = try CalendarFilter(window: Fixtures.window("20240401T070000Z", "20240401T071000Z")).filter(data)
        #expect(filtered.items.first?.timeZoneIDs == ["Europe/Berlin"])
        // Without a VTIMEZONE in the file, one generated from the system database travels with it.
        #expect(filtered.timeZones.keys.sorted() == ["Europe/Berlin"])
        // (the file's: STANDARD and DAYLIGHT; the generated one: the offset on 2023-01-01, then both rules)
        #expect(filtered.timeZones["Europe/Berlin"]?.components.count == (withVTimeZone ? 2 : 3))
        #expect(filtered.problems.isEmpty)
    }

    @Test func windowsZoneNameIsMappedToIANA() throws {
        let data = Fixtures.calendar("""
        BEGIN:VEVENT
        UID:win
        DTSTART;TZID=W. Europe Standard Time:20240701T090000
        DTEND;TZID=W. Europe Standard Time:20240701T100000
        END:VEVENT
        BEGIN:VEVENT
        UID:eastern
        DTSTART;TZID="(UTC-05:00) Eastern Time (US & Canada)":20240701T090000
        END:VEVENT
        BEGIN:VEVENT
        UID:moz
        DTSTART;TZID=/mozilla.org/20050126_1/Europe/Berlin:20240701T090000
        END:VEVENT
        """)
        // 09:00 CEST = 07:00Z; 09:00 EDT = 13:00Z.
        #expect(try Fixtures.keptUIDs(data, Fixtures.window("20240701T070000Z", "20240701T070001Z")) == ["win", "moz"])
        #expect(try Fixtures.keptUIDs(data, Fixtures.window("20240701T130000Z", "20240701T130001Z")) == ["eastern"])
        #expect(TimeZoneNames.ianaIdentifier(for: "Tokyo Standard Time") == "Asia/Tokyo")
        #expect(TimeZoneNames.ianaIdentifier(for: "/Europe/Stockholm") == "Europe/Stockholm")
        #expect(TimeZoneNames.ianaIdentifier(for: "Kuala Lumpur, Singapore") == "Asia/Kuala_Lumpur")
        #expect(TimeZoneNames.ianaIdentifier(for: "Western/Central Europe") == nil)
        #expect(TimeZoneNames.explicitOffset("UTC+01") == 3600)
        #expect(TimeZoneNames.explicitOffset("GMT-05:30") == -19800)
        #expect(TimeZoneNames.ianaIdentifier(for: "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna") == "Europe/Amsterdam")
    }

    @Test func unknownTZIDIsAWarningAndReadAsFloating() throws {
        let data = Fixtures.calendar("BEGIN:VEVENT\nUID:u\nDTSTART;TZID=Foo:20240110T100000\nEND:VEVENT")
        let filtered = try CalendarFilter(window: january).filter(data)
        #expect(filtered.items.map(\.uid) == ["u"])
        #expect(filtered.problems.contains { $0.severity == .warning && $0.uid == "u" && $0.reason == "unknown TZID 'Foo' read as floating" })
    }

    @Test func exdateRemovingTheOnlyInstanceInTheWindowDropsTheSeries() throws {
        let body = """
        BEGIN:VEVENT
        UID:ex
        DTSTART:20231215T100000Z
        DTEND:20231215T110000Z
        RRULE:FREQ=MONTHLY;COUNT=6
        EXDATE:20231115T100000Z,20240115T100000Z
        END:VEVENT
        """
        #expect(try Fixtures.keptUIDs(Fixtures.calendar(body), january).isEmpty)
        let without = body.replacingOccurrences(of: "EXDATE:20231115T100000Z,20240115T100000Z\n", with: "")
        #expect(try Fixtures.keptUIDs(Fixtures.calendar(without), january) == ["ex"])
    }

    @Test func overrideMovedIntoTheWindowKeepsTheWholeSeries() throws {
        let data = Fixtures.calendar("""
        BEGIN:VEVENT
        UID:series
        DTSTART:20231201T100000Z
        DTEND:20231201T110000Z
        RRULE:FREQ=DAILY;COUNT=3
        END:VEVENT
        BEGIN:VEVENT
        UID:other
        DTSTART:20230101T100000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:series
        RECURRENCE-ID:20231202T100000Z
        DTSTART:20240110T100000Z
        DTEND:20240110T110000Z
        END:VEVENT
        """)
        let filtered = try CalendarFilter(window: january).filter(data)
        #expect(filtered.items.map(\.uid) == ["series"])
        #expect(filtered.items[0].components.count == 2)
        #expect(filtered.items[0].components[0].first("RECURRENCE-ID") == nil)
        #expect(filtered.counts == FilterCounts(componentsInFile: 3, componentsKept: 2, itemsKept: 1))
    }

    @Test func overrideMovedOutOfTheWindowTakesItsSlotAway() throws {
        let data = Fixtures.calendar("""
        BEGIN:VEVENT
        UID:moved-out
        DTSTART:20231231T100000Z
        RRULE:FREQ=DAILY;COUNT=2
        END:VEVENT
        BEGIN:VEVENT
        UID:moved-out
        RECURRENCE-ID:20240101T100000Z
        DTSTART:20240301T100000Z
        END:VEVENT
        """)
        #expect(try Fixtures.keptUIDs(data, january).isEmpty)
    }

    @Test func overrideWithoutMasterIsJudgedOnItsOwn() throws {
        let data = Fixtures.calendar("""
        BEGIN:VEVENT
        UID:orphan-in
        RECURRENCE-ID:20231202T100000Z
        DTSTART:20240110T100000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:orphan-out
        RECURRENCE-ID:20240110T100000Z
        DTSTART:20240310T100000Z
        END:VEVENT
        """)
        #expect(try Fixtures.keptUIDs(data, january) == ["orphan-in"])
    }

    @Test func duplicateUIDKeepsTheHighestSequence() throws {
        let data = Fixtures.calendar("""
        BEGIN:VEVENT
        UID:dup
        SEQUENCE:1
        SUMMARY:old
        DTSTART:20240110T100000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:dup
        SEQUENCE:3
        SUMMARY:new
        DTSTART:20240111T100000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:dup
        SEQUENCE:3
        SUMMARY:tie
        DTSTART:20240112T100000Z
        END:VEVENT
        BEGIN:VEVENT
        SUMMARY:no uid
        DTSTART:20240112T100000Z
        END:VEVENT
        """)
        let filtered = try CalendarFilter(window: january).filter(data)
        #expect(filtered.items.count == 2)
        #expect(filtered.items[0].components.map { $0.first("SUMMARY")?.value } == ["new"])
        let errors = filtered.problems.filter { $0.severity == .error }
        #expect(errors.count == 2)
        #expect(errors.contains { $0.uid == "dup" && $0.reason == "duplicate UID with lower SEQUENCE 1 (kept SEQUENCE 3 at line 10)" })
        #expect(errors.contains { $0.uid == "dup" && $0.line == 16 && $0.reason.contains("same SEQUENCE 3") })
        // The component without UID is imported under a derived one, with a warning (DerivedUIDTests).
        #expect(filtered.items[1].hasDerivedUID)
        #expect(filtered.problems.contains { $0.severity == .warning && $0.line == 22 && $0.reason.contains("has no UID") })
        #expect(filtered.counts == FilterCounts(componentsInFile: 4, componentsKept: 2, itemsKept: 2, derivedUIDs: 1))
    }

    @Test func countAndUntilEndSeries() throws {
        let data = Fixtures.calendar("""
        BEGIN:VEVENT
        UID:count-ends-before
        DTSTART:20231201T100000Z
        RRULE:FREQ=WEEKLY;COUNT=5
        END:VEVENT
        BEGIN:VEVENT
        UID:count-reaches
        DTSTART:20231201T100000Z
        RRULE:FREQ=WEEKLY;COUNT=6
        END:VEVENT
        BEGIN:VEVENT
        UID:until-before
        DTSTART:20231201T100000Z
        RRULE:FREQ=DAILY;UNTIL=20231231T235959Z
        END:VEVENT
        BEGIN:VEVENT
        UID:until-date
        DTSTART;VALUE=DATE:20231201
        RRULE:FREQ=DAILY;UNTIL=20240101
        END:VEVENT
        BEGIN:VEVENT
        UID:until-date-before
        DTSTART;VALUE=DATE:20231201
        RRULE:FREQ=DAILY;UNTIL=20231231
        END:VEVENT
        BEGIN:VEVENT
        UID:until-local
        DTSTART;TZID=Europe/Berlin:20231201T003000
        RRULE:FREQ=DAILY;UNTIL=20240101T003000
        END:VEVENT
        BEGIN:VEVENT
        UID:endless
        DTSTART:20200101T100000Z
        RRULE:FREQ=YEARLY
        END:VEVENT
        """)
        // Weekly from Dec 1: the 5th instance is Dec 29, the 6th Jan 5.
        // until-local: the last instance is 2024-01-01 00:30 Berlin = 2023-12-31T23:30Z.
        #expect(try Fixtures.keptUIDs(data, january) == ["count-reaches", "until-date", "endless"])
        #expect(try Fixtures.keptUIDs(data, Fixtures.window("20231231T230000Z", "20240201T000000Z"))
            == ["count-reaches", "until-date", "until-date-before", "until-local", "endless"])
        #expect(try Fixtures.keptUIDs(data, DateWindow(from: Fixtures.date("20300101T000000Z"), to: nil)) == ["endless"])
    }

    @Test func bySetPosLastWeekdayOfMonth() throws {
        // Last weekday of the month: January 2024 → Wed 31st; March 2024 → Fri 29th.
        let data = Fixtures.calendar("""
        BEGIN:VEVENT
        UID:last-weekday
        DTSTART:20240131T090000Z
        RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1
        END:VEVENT
        """)
        #expect(try Fixtures.keptUIDs(data, Fixtures.window("20240329T090000Z", "20240329T090001Z")) == ["last-weekday"])
        #expect(try Fixtures.keptUIDs(data, Fixtures.window("20240328T000000Z", "20240329T000000Z")).isEmpty)
        #expect(try Fixtures.keptUIDs(data, Fixtures.window("20240430T000000Z", "20240501T000000Z")) == ["last-weekday"])
    }

    @Test func pathologicalRuleEndsWithoutHanging() throws {
        let data = Fixtures.calendar("""
        BEGIN:VEVENT
        UID:never
        DTSTART:20240131T090000Z
        RRULE:FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=31;COUNT=3
        END:VEVENT
        """)
        let bounded = try CalendarFilter(window: Fixtures.window("20240301T000000Z", "20240401T000000Z")).filter(data)
        #expect(bounded.items.isEmpty)
        let filtered = try CalendarFilter(window: DateWindow(from: Fixtures.date("20240301T000000Z"), to: nil)).filter(data)
        #expect(filtered.items.map(\.uid) == ["never"])
        #expect(filtered.problems.contains { $0.uid == "never" && $0.reason.contains("iteration cap") })
    }

    @Test func emptyRRuleIsReadAsNoRule() throws {
        let data = Fixtures.calendar("""
        BEGIN:VEVENT
        UID:holiday-2019
        DTSTART;VALUE=DATE:20190101
        RRULE:
        END:VEVENT
        """)
        let filtered = try CalendarFilter(window: january).filter(data)
        #expect(filtered.items.isEmpty)
        #expect(filtered.problems.map(\.reason) == ["empty RRULE ignored (read as no rule)"])
        #expect(try Fixtures.keptUIDs(data, Fixtures.window("20190101T000000Z", "20190102T000000Z")) == ["holiday-2019"])
    }

    /// A daily 12:00–14:00 series; from 10 January on, a RANGE=THISANDFUTURE override moves
    /// every instance to 20:00–21:00 (RFC 5545 3.8.4.4).
    static let thisAndFuture = Fixtures.calendar("""
    BEGIN:VEVENT
    UID:range
    DTSTART:20240101T120000Z
    DTEND:20240101T140000Z
    RRULE:FREQ=DAILY;COUNT=30
    END:VEVENT
    BEGIN:VEVENT
    UID:range
    RECURRENCE-ID;RANGE=THISANDFUTURE:20240110T120000Z
    DTSTART:20240110T200000Z
    DTEND:20240110T210000Z
    END:VEVENT
    """)

    @Test func thisAndFutureMovesLaterInstancesIntoTheWindow() throws {
        #expect(try Fixtures.keptUIDs(Self.thisAndFuture, Fixtures.window("20240120T200000Z", "20240120T203000Z")) == ["range"])
        #expect(try Fixtures.keptUIDs(Self.thisAndFuture, Fixtures.window("20240105T200000Z", "20240105T203000Z")).isEmpty)
    }

    @Test func thisAndFutureMovesLaterInstancesOutOfTheWindow() throws {
        #expect(try Fixtures.keptUIDs(Self.thisAndFuture, Fixtures.window("20240120T120000Z", "20240120T140000Z")).isEmpty)
        #expect(try Fixtures.keptUIDs(Self.thisAndFuture, Fixtures.window("20240105T120000Z", "20240105T140000Z")) == ["range"])
    }
}

