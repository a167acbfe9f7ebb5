@testable import CalendarTargets
import Foundation
import HTTPTransport
import ICalendar
import Sandbox
import TestSupport
import Testing

/// The BlueMind connector against a sandbox that behaves as BlueMind's code does
/// (mdhender/bluemindfork, cited in Sources/Sandbox/BlueMind).
@Suite struct BlueMindConformanceTests {
    func target(_ sandbox: SandboxHarness) throws -> any CalendarTarget {
        try TargetFactory.makeTarget(try TargetURL("bluemind+\(sandbox.url)"), context: sandbox.context())
    }

    /// Components of kind `kind` (VEVENT, VTODO, VJOURNAL), each its own UID, with LAST-MODIFIED `modified`.
    static func calendar(_ components: [(kind: String, uid: String)], modified: String? = "20240101T000000Z", extra: [String] = []) throws -> FilteredCalendar {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
        for (kind, uid) in components {
            lines += ["BEGIN:\(kind)", "UID:\(uid)", "DTSTAMP:20240101T000000Z", "DTSTART:20250210T140000Z"]
            if kind == "VEVENT" { lines.append("DTEND:20250210T150000Z") }
            if let modified { lines.append("LAST-MODIFIED:\(modified)") }
            lines += extra + ["SUMMARY:\(uid)", "END:\(kind)"]
        }
        lines.append("END:VCALENDAR")
        return try CalendarFilter(window: .unbounded).filter(Data((lines.joined(separator: "\r\n") + "\r\n").utf8))
    }

    @Test func aRerunOfTheSameAccountReportsItsUnchangedEventsAsSkippedNotFailed() throws {
        let sandbox = try SandboxHarness()
        let target = try target(sandbox)
        let events = try Self.calendar([("VEVENT", "a@test"), ("VEVENT", "b@test")])
        let first = try target.importCalendar(events, account: "re@example.com", mode: .merge, logger: Fixture.logger)
        #expect(first.imported == 2 && first.failed == 0)
        // BlueMind skips an event whose LAST-MODIFIED is not after the time it stored it and
        // leaves it out of the task's uids (ICSImportTask.java:171-181, 83-89).
        let rerun = try target.importCalendar(events, account: "re@example.com", mode: .merge, logger: Fixture.logger)
        #expect(rerun.skipped == 2, "\(rerun)")
        #expect(rerun.failed == 0 && rerun.itemErrors.isEmpty, "\(rerun.itemErrors)")
        #expect(try sandbox.identities("re@example.com") == ["a@test", "b@test"])
        // A file whose LAST-MODIFIED is newer than BlueMind's copy updates it; so does one without LAST-MODIFIED.
        let newer = try target.importCalendar(try Self.calendar([("VEVENT", "a@test")], modified: "20990101T000000Z"),
                                              account: "re@example.com", mode: .merge, logger: Fixture.logger)
        #expect(newer.imported == 1 && newer.skipped == 0)
        let unstamped = try target.importCalendar(try Self.calendar([("VEVENT", "b@test")], modified: nil),
                                                  account: "re@example.com", mode: .merge, logger: Fixture.logger)
        #expect(unstamped.imported == 1 && unstamped.failed == 0)
    }

    @Test func aRefusedEventIsStillReportedAsNotImported() throws {
        let sandbox = try SandboxHarness()
        let result = try target(sandbox).importCalendar(
            try Self.calendar([("VEVENT", "bad@test")], extra: ["X-CALIMPORT-SANDBOX-REFUSE:broken"]), account: "r@example.com", mode: .merge, logger: Fixture.logger)
        #expect(result.failed == 1 && result.itemErrors.map(\.uid) == ["bad@test"])
    }

    @Test func todosGoToTheTodoListAndJournalsAreReportedOnceAsNotSupported() throws {
        let sandbox = try SandboxHarness()
        let calendar = try Self.calendar([("VEVENT", "event@test"), ("VTODO", "todo@test"), ("VJOURNAL", "journal@test")])
        let result = try target(sandbox).importCalendar(calendar, account: "t@example.com", mode: .merge, logger: Fixture.logger)
        #expect(result.imported == 2, "\(result)")
        #expect(result.failed == 1)
        #expect(result.itemErrors.map(\.uid) == ["journal@test"])
        #expect(result.itemErrors.first?.reason.contains("not supported by this target") == true)
        // BlueMind's calendar import reads only VEVENT (VEventServiceHelper.java:286-292); todos live in the todo list.
        #expect(try sandbox.identities("t@example.com") == ["event@test"])
        #expect(try sandbox.identities("todolist:default_t@example.com") == ["todo@test"])
    }

    @Test func aPermanentFaultAnswered500IsNotRetried() throws {
        let sandbox = try SandboxHarness()
        let calendar = try Self.calendar([("VEVENT", "x@test")], extra: ["X-CALIMPORT-SANDBOX-FAULT:INVALID_PARAMETER"])
        let error = #expect(throws: CalendarTargetError.self) {
            try target(sandbox).importCalendar(calendar, account: "p@example.com", mode: .merge, logger: Fixture.logger)
        }
        #expect(error?.isTransient == false)
        #expect(error?.httpStatus == 500)
        #expect(error?.message.contains("INVALID_PARAMETER") == true, "\(String(describing: error))")
        #expect(try sandbox.stats()["bluemind"]!.requests == 2, "byLogin and one PUT, no retry")
    }

    @Test func aFaultThatCanPassIsRetried() throws {
        let sandbox = try SandboxHarness()
        let calendar = try Self.calendar([("VEVENT", "x@test")], extra: ["X-CALIMPORT-SANDBOX-FAULT:SQL_ERROR"])
        let error = #expect(throws: CalendarTargetError.self) {
            try target(sandbox).importCalendar(calendar, account: "s@example.com", mode: .merge, logger: Fixture.logger)
        }
        #expect(error?.isTransient == true)
        #expect(try sandbox.stats()["bluemind"]!.requests == 5, "byLogin and four tries of the PUT")
    }
}

/// How BlueMind's fault answers are classified (``BlueMindFault``).
@Suite struct BlueMindFaultTests {
    static func answer(_ status: Int, _ body: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: Data(body.utf8))
    }

    @Test func a500IsTransientOnlyWhenItsCodeCanPass() {
        // VEventServiceFactory.java:47-48: a missing calendar container is UNKNOWN, answered 500, permanent.
        let missing = Self.answer(500, #"{"errorCode":"UNKNOWN","errorType":"ServerFault","message":"container calendar:Default:u not found"}"#)
        #expect(!BlueMindFault.isTransient(missing))
        #expect(BlueMindFault.error(missing, account: "u@example.com", action: "ICS import").code == .accountNotFound)
        #expect(BlueMindFault.isTransient(Self.answer(500, #"{"errorCode":"UNKNOWN","message":"Connection reset"}"#)))
        #expect(BlueMindFault.isTransient(Self.answer(500, #"{"errorCode":"SQL_ERROR","message":"x"}"#)))
        #expect(!BlueMindFault.isTransient(Self.answer(500, #"{"errorCode":"EVENT_ERROR","message":"x"}"#)))
        #expect(BlueMindFault.isTransient(Self.answer(500, "<html>proxy error</html>")), "not BlueMind's fault body")
        #expect(BlueMindFault.isTransient(Self.answer(503, "")))
        #expect(!BlueMindFault.isTransient(Self.answer(403, #"{"errorCode":"PERMISSION_DENIED","message":"x"}"#)))
        let permanent = BlueMindFault.error(Self.answer(500, #"{"errorCode":"INVALID_PARAMETER","message":"bad"}"#), account: "u@example.com", action: "ICS import")
        #expect(permanent.code == .refused && !permanent.isTransient && permanent.httpStatus == 500)
    }
}
