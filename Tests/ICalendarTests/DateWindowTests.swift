import Foundation
import Testing
@testable import ICalendar

@Suite struct DateWindowTests {
    @Test func parsesAllBoundForms() throws {
        let expected = Date(timeIntervalSince1970: 1_727_740_800) // 2024-10-01T00:00:00Z
        #expect(try DateWindow.parseBound("20241001T000000Z") == expected)
        #expect(try DateWindow.parseBound("2024-10-01T00:00:00Z") == expected)
        #expect(try DateWindow.parseBound("2024-10-01") == expected)
        #expect(try DateWindow.parseBound("0") == nil)
        #expect(try DateWindow.parseBound("20241001T123000Z") == expected.addingTimeInterval(45_000))
    }

    @Test func rejectsBadBounds() {
        for text in ["", "2024-13-01", "20241001T000000", "yesterday", "2024-10-01T00:00:00", "2024-1001"] {
            #expect(throws: ICalendarError.self, "\(text)") { try DateWindow.parseBound(text) }
        }
        do {
            _ = try DateWindow.parseBound("nope")
        } catch let error as ICalendarError {
            #expect(error.code == .invalidWindowBound)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func formatsBounds() {
        #expect(DateWindow.formatBound(nil) == "0")
        #expect(DateWindow.formatBound(Date(timeIntervalSince1970: 1_727_740_800)) == "20241001T000000Z")
        #expect(DateWindow.formatBound(Date(timeIntervalSince1970: -1)) == "19691231T235959Z")
    }

    @Test func instantsAtTheEdges() {
        let window = Fixtures.window("20240101T000000Z", "20240201T000000Z")
        let from = Fixtures.date("20240101T000000Z"), to = Fixtures.date("20240201T000000Z")
        #expect(window.overlaps(start: from, end: from))
        #expect(!window.overlaps(start: to, end: to))
        #expect(!window.overlaps(start: from.addingTimeInterval(-3600), end: from))
        #expect(window.overlaps(start: from.addingTimeInterval(-3600), end: from.addingTimeInterval(1)))
        #expect(DateWindow.unbounded.overlaps(start: to, end: to))
    }
}
