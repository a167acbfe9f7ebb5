import Foundation
import Testing
@testable import ICalendar

/// `TZID`s the file has no `VTIMEZONE` for are sent under the IANA name calimport resolved,
/// with a `VTIMEZONE` generated from the system database, and every occurrence keeps its
/// UTC instant (compared with calimport's own parser before and after).
@Suite struct ZoneSubstitutionTests {
    /// Each kind of name real files use, and the name it must be sent as (`nil`: any IANA name
    /// the resolver gives).
    static let names: [(tzid: String, sent: String?)] = [
        ("(UTC+07:00) Bangkok, Hanoi, Jakarta", nil),
        ("Amsterdam, Belgrade, Berlin, Brussels, Budapest, Madrid, Paris, Prague, Stockholm", nil),
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("Pacific Standard Time", "America/Los_Angeles"),
        ("/mozilla.org/20070129_1/America/New_York", "America/New_York"),
        ("/freeassociation.sourceforge.net/Europe/Berlin", "Europe/Berlin"),
        ("/softwarestudio.org/Olson_20011030_5/Pacific/Auckland", "Pacific/Auckland"),
        ("UTC+01", "Etc/GMT-1"),
        ("UTC+05:30", "UTC+05:30"),
        ("Europe/Lisbon", "Europe/Lisbon"),
        ("Australia/Sydney", "Australia/Sydney"),
    ]

    static func calendar(tzid: String) -> Data {
        let quoted = tzid.contains(",") || tzid.contains(":") ? "\"\(tzid)\"" : tzid
        return Data("""
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//test//EN\r
        BEGIN:VEVENT\r
        UID:monthly\r
        DTSTART;TZID=\(quoted):20060326T023000\r
        DTEND;TZID=\(quoted):20060326T033000\r
        RRULE:FREQ=MONTHLY;BYMONTHDAY=26,29,30\r
        EXDATE;TZID=\(quoted):20060429T023000\r
        SUMMARY:series over many DST changes\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:monthly\r
        RECURRENCE-ID;TZID=\(quoted):20061029T023000\r
        DTSTART;TZID=\(quoted):20061029T013000\r
        DTEND;TZID=\(quoted):20061029T020000\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:single\r
        DTSTART;TZID=\(quoted):19990704T120000\r
        DURATION:PT1H\r
        END:VEVENT\r
        END:VCALENDAR\r

        """.utf8)
    }

    @Test(arguments: names)
    func sentWithIANANameAndVTimeZoneAtTheSameInstants(name: (tzid: String, sent: String?)) throws {
        let original = Self.calendar(tzid: name.tzid)
        let filtered = try CalendarFilter(window: .unbounded).filter(original)
        let expected = try #require(name.sent ?? TimeZoneNames.ianaIdentifier(for: name.tzid))
        if name.sent == nil { #expect(TimeZone(identifier: expected) != nil && expected.contains("/")) }
        for item in filtered.items {
            #expect(item.timeZoneIDs == [expected])
            let body = String(decoding: filtered.serialized(item: item), as: UTF8.self)
            #expect(body.contains("BEGIN:VTIMEZONE\r\nTZID:\(expected)\r\n"), "\(body)")
            #expect(!body.contains(name.tzid) || name.tzid == expected)
        }
        #expect(Array(filtered.timeZones.keys) == [expected])
        let sent = filtered.serialized()
        let again = try CalendarFilter(window: .unbounded).filter(sent)
        #expect(again.items.flatMap(\.components) == filtered.items.flatMap(\.components), "sent as read: nothing more rewritten")
        #expect(again.timeZones == filtered.timeZones)
        let before = try Self.instants(original), after = try Self.instants(sent)
        #expect(before.count == 2 && before["monthly"]!.count > 500)
        #expect(before == after)
    }

    @Test func aTZIDWithAVTimeZoneInTheFileIsLeftAlone() throws {
        let text = String(decoding: Self.calendar(tzid: "/mozilla.org/20070129_1/America/New_York"), as: UTF8.self)
            .replacingOccurrences(of: "BEGIN:VEVENT\r\nUID:monthly", with: """
            BEGIN:VTIMEZONE\r
            TZID:/mozilla.org/20070129_1/America/New_York\r
            BEGIN:STANDARD\r
            DTSTART:19700101T000000\r
            TZOFFSETFROM:-0500\r
            TZOFFSETTO:-0500\r
            END:STANDARD\r
            END:VTIMEZONE\r
            BEGIN:VEVENT\r
            UID:monthly
            """)
        let filtered = try CalendarFilter(window: .unbounded).filter(Data(text.utf8))
        #expect(Array(filtered.timeZones.keys) == ["/mozilla.org/20070129_1/America/New_York"])
        #expect(filtered.items.allSatisfy { $0.timeZoneIDs == ["/mozilla.org/20070129_1/America/New_York"] })
    }

    @Test func streamingSendsTheSameAsInMemory() throws {
        let data = Self.calendar(tzid: "W. Europe Standard Time")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zones-\(UUID().uuidString).ics")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let filter = CalendarFilter(window: .unbounded)
        let streamed = try filter.forEachKeptItem(fileAt: url, problems: { _ in }) { _ in }
        #expect(streamed.timeZones == (try filter.filter(data)).timeZones)
    }

    /// Around every transition of the system zone (one second before and at it) and once a day,
    /// from 1995 through the horizon year — and through 2060 for zones on a stable yearly rule.
    @Test func generatedZonesMatchTheSystemDatabase() throws {
        let zones = [("Europe/Berlin", 2060), ("America/New_York", 2060), ("Australia/Sydney", 2060), ("America/Sao_Paulo", 2060),
                     ("Asia/Jerusalem", 2041), ("Australia/Lord_Howe", 2041), ("Africa/Casablanca", 2041), ("America/Godthab", 2041),
                     ("Pacific/Apia", 2041), ("Asia/Tehran", 2041), ("Europe/Moscow", 2041), ("Asia/Kolkata", 2060)]
        for (identifier, endYear) in zones {
            let zone = try #require(TimeZone(identifier: identifier))
            let rules = try #require(VTimeZoneRules(GeneratedTimeZone.component(tzid: identifier, zone: zone, fromYear: 1995)))
            let end = LocalDateTime(year: endYear, month: 1, day: 1).secondsAsUTC
            var instants: [Int64] = []
            var cursor = Date(timeIntervalSince1970: Double(LocalDateTime(year: 1995, month: 1, day: 1).secondsAsUTC))
            while let next = zone.nextDaylightSavingTimeTransition(after: cursor), Int64(next.timeIntervalSince1970) < end {
                instants += [Int64(next.timeIntervalSince1970) - 1, Int64(next.timeIntervalSince1970)]
                cursor = next
            }
            instants += stride(from: LocalDateTime(year: 1995, month: 1, day: 1).secondsAsUTC, to: end, by: 86_400)
            let wrong = instants.filter { rules.offset(atUTC: $0) != zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double($0))) }
            #expect(wrong.isEmpty, "\(identifier): \(wrong.prefix(3).map { LocalDateTime(secondsAsUTC: $0).basicFormat })")
        }
    }

    /// Every component's `DTSTART`/`DTEND` and its first occurrences (through 2050) as UTC
    /// instants, read by calimport's parser with the file's own `VTIMEZONE`s, by UID.
    static func instants(_ data: Data) throws -> [String: [Int64]] {
        let components = try CalendarDocument.parse(data).calendars.flatMap(\.components)
        let zones = Dictionary(components.filter { $0.name == "VTIMEZONE" }.map { ($0.first("TZID")!.value, $0) }) { a, _ in a }
        let context = TimeContext(resolver: ZoneResolver(timeZones: zones), calendarZone: .utc)
        var result: [String: [Int64]] = [:]
        var notes: [String] = []
        for component in components where component.name == "VEVENT" {
            let start = try #require(context.resolve(component.first("DTSTART")!, notes: &notes))
            var list = [start.utc]
            for name in ["DTEND", "RECURRENCE-ID", "EXDATE"] {
                if let property = component.first(name), let time = context.resolve(property, notes: &notes) { list.append(time.utc) }
            }
            if let text = component.first("RRULE")?.value, let rule = RecurrenceRule.parse(text).rule {
                var iterator = RecurrenceIterator(rule: rule, start: start.value.local, isDate: false, stopAfter: nil,
                                                  localToUTC: { start.zone.utc(from: $0) })
                while let next = iterator.next(), next.year < 2050 { list.append(start.zone.utc(from: next)) }
            }
            result[component.first("UID")!.value, default: []] += list
        }
        return result
    }
}
