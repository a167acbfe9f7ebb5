import Foundation
import Testing
@testable import ICalendar

@Suite struct ParsingTests {
    @Test func foldInsideMultiByteCharacterIsJoinedBeforeDecoding() throws {
        // "ü" is C3 BC; the fold splits it between the two bytes.
        var bytes = Array("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Gr".utf8)
        bytes += [0xC3, 0x0D, 0x0A, 0x20, 0xBC]
        bytes += Array("n\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8)
        let document = try CalendarDocument.parse(Data(bytes))
        let event = try #require(document.calendars.first?.components.first)
        #expect(event.first("SUMMARY")?.value == "Grün")
        #expect(document.problems.isEmpty)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Fixtures.calendar("BEGIN:VEVENT\nUID:bom\nEND:VEVENT")
        let document = try CalendarDocument.parse(data)
        #expect(document.calendars.count == 1)
        #expect(document.calendars[0].components.first?.first("UID")?.value == "bom")
    }

    @Test func quotedParameterValuesKeepColonSemicolonAndComma() throws {
        let line = #"ATTENDEE;CN="Doe, John; Jr.";DELEGATED-FROM="mailto:a@x.org","mailto:b@x.org";ROLE=REQ-PARTICIPANT:mailto:j@x.org"#
        let data = Fixtures.calendar("BEGIN:VEVENT\nUID:q\n\(line)\nEND:VEVENT")
        let event = try #require(try CalendarDocument.parse(data).calendars.first?.components.first)
        let attendee = try #require(event.first("ATTENDEE"))
        #expect(attendee.parameter("CN") == "Doe, John; Jr.")
        #expect(attendee.parameters[1].values == ["mailto:a@x.org", "mailto:b@x.org"])
        #expect(attendee.parameters[1].quoted == [true, true])
        #expect(attendee.parameter("ROLE") == "REQ-PARTICIPANT")
        #expect(attendee.value == "mailto:j@x.org")
        let written = String(decoding: try CalendarFilter(window: .unbounded).filter(data).serialized(), as: UTF8.self)
        #expect(written.replacingOccurrences(of: "\r\n ", with: "").contains(line))
    }

    @Test func bareLineFeedsAndLowercaseNames() throws {
        let text = "begin:vcalendar\nversion:2.0\nbegin:vevent\nuid:lf\ndtstart:20240101T100000Z\nsummary:folded\n  text\nend:vevent\nend:vcalendar\n"
        let document = try CalendarDocument.parse(Data(text.utf8))
        let event = try #require(document.calendars.first?.components.first)
        #expect(event.name == "VEVENT")
        #expect(event.first("summary")?.value == "folded text")
        #expect(event.line == 3)
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func propertyFoldedAcrossEmptyLinesKeepsItsValue(lineEnd: String) throws {
        // As a Mozilla export has it: `UID`, an empty line, then the continuation ` :956630271`.
        let text = ["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID", "", " :956630271", "SUMMARY:after", "",
                    "", "DESCRIPTION", "", "", " :two empty", "  lines", "END:VEVENT", "END:VCALENDAR", ""]
            .joined(separator: lineEnd)
        let document = try CalendarDocument.parse(Data(text.utf8))
        let event = try #require(document.calendars.first?.components.first)
        #expect(event.first("UID")?.value == "956630271")
        #expect(event.first("SUMMARY")?.value == "after")
        #expect(event.first("DESCRIPTION")?.value == "two empty lines")
        #expect(event.properties.count == 3)
        #expect(document.problems.isEmpty)
    }

    @Test func emptyLinesWithoutContinuationAreStillIgnored() throws {
        let text = "BEGIN:VCALENDAR\n\nBEGIN:VEVENT\nUID:e\n\n\nSUMMARY:kept\n\nEND:VEVENT\n\nEND:VCALENDAR\n\n"
        var lines: [(Int, String)] = []
        Data(text.utf8).withUnsafeBytes { raw in
            ContentLineScanner(bytes: raw.bindMemory(to: UInt8.self)).forEachLine { line, content in
                lines.append((line, String(decoding: content, as: UTF8.self)))
            }
        }
        #expect(lines.map(\.1) == ["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:e", "SUMMARY:kept", "END:VEVENT", "END:VCALENDAR"])
        #expect(lines.map(\.0) == [1, 3, 4, 7, 9, 11])
    }

    @Test func latin1BytesAreDecodedWithAWarning() throws {
        var bytes = Array("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:l1\r\nSUMMARY:Caf".utf8)
        bytes += [0xE9]
        bytes += Array("\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8)
        let document = try CalendarDocument.parse(Data(bytes))
        #expect(document.calendars[0].components[0].first("SUMMARY")?.value == "Café")
        #expect(document.problems.contains { $0.line == 4 && $0.severity == .warning })
    }

    @Test func missingEndIsRepairedWithoutLosingNeighbours() throws {
        let data = Fixtures.calendar("""
        BEGIN:VEVENT
        UID:one
        BEGIN:VEVENT
        UID:two
        END:VEVENT
        END:BOGUS
        this line has no colon
        BEGIN:VEVENT
        UID:three
        """)
        let document = try CalendarDocument.parse(data)
        let uids = document.calendars[0].components.compactMap { $0.first("UID")?.value }
        #expect(uids == ["one", "two", "three"])
        #expect(document.problems.count >= 4)
        #expect(document.problems.allSatisfy { $0.line != nil })
    }

    @Test func emptyAndNonCalendarFilesThrow() {
        #expect(throws: ICalendarError.self) { try CalendarDocument.parse(Data()) }
        #expect(throws: ICalendarError.self) { try CalendarDocument.parse(Data("\r\n  \r\n".utf8)) }
        do {
            _ = try CalendarDocument.parse(Data("BEGIN:VEVENT\nUID:x\nEND:VEVENT\n".utf8))
            Issue.record("expected an error")
        } catch let error as ICalendarError {
            #expect(error.code == .notICalendar)
            #expect(error.line == 1)
            #expect(error.message == "line 1: no BEGIN:VCALENDAR found")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func severalCalendarsAreMergedAndMethodIsDropped() throws {
        let text = "BEGIN:VCALENDAR\r\nPRODID:a\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            + "BEGIN:VCALENDAR\r\nPRODID:b\r\nX-WR-CALNAME:Work\r\nBEGIN:VEVENT\r\nUID:2\r\nEND:VEVENT\r\nEND:VCALENDAR\r\ngarbage\r\n"
        let filtered = try CalendarFilter(window: .unbounded).filter(Data(text.utf8))
        #expect(filtered.items.map(\.uid) == ["1", "2"])
        #expect(filtered.calendarProperties.map(\.name) == ["VERSION", "PRODID", "X-WR-CALNAME"])
        #expect(filtered.calendarProperties[1].value == "a")
        #expect(filtered.problems.contains { $0.line == 15 && $0.severity == .warning })
    }

    @Test func serializerFoldsAt75OctetsWithoutSplittingCharacters() throws {
        let summary = String(repeating: "€", count: 60)
        let data = Fixtures.calendar("BEGIN:VEVENT\nUID:fold\nSUMMARY:\(summary)\nEND:VEVENT")
        let out = try CalendarFilter(window: .unbounded).filter(data).serialized()
        let lines = [UInt8](out).split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        for line in lines {
            #expect(line.last == 0x0D)
            #expect(line.count - 1 <= 75)
            #expect(String(validating: line.dropLast(), as: UTF8.self) != nil)
        }
        let again = try CalendarDocument.parse(out)
        #expect(again.calendars[0].components[0].first("SUMMARY")?.value == summary)
    }
}
