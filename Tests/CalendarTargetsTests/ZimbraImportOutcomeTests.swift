import CalendarTargets
import Foundation
import ICalendar
import Sandbox
import TestSupport
import Testing

/// What the Zimbra connector reports against a sandbox that imports as Zimbra's code does
/// (component by component, `ignore`, silent drops, `resolve=` ignored): the counts and per-event
/// errors match what the server holds.
@Suite struct ZimbraImportOutcomeTests {
    func target(_ sandbox: SandboxHarness, _ query: String = "", env: [String: String] = [:]) throws -> any CalendarTarget {
        let url = try TargetURL("zimbra+\(sandbox.url)?admin-url=\(sandbox.url)" + query)
        return try TargetFactory.makeTarget(url, context: sandbox.context(env))
    }

    /// A calendar of single events, one per `(uid, extra lines)`, on 1 March 2025 UTC.
    static func calendar(_ events: [(String, [String])]) throws -> FilteredCalendar {
        let body = events.map { uid, extra in
            (["BEGIN:VEVENT", "UID:\(uid)", "DTSTAMP:20250101T000000Z", "DTSTART:20250301T140000Z", "DTEND:20250301T150000Z", "SUMMARY:\(uid)"]
                + extra + ["END:VEVENT"]).joined(separator: "\r\n")
        }.joined(separator: "\r\n")
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n\(body)\r\nEND:VCALENDAR\r\n"
        return try CalendarFilter(window: .unbounded).filter(Data(text.utf8))
    }

    @Test func oneRefusedComponentCostsOnlyItselfAndIsReported() throws {
        let sandbox = try SandboxHarness()
        let calendar = try Self.calendar([("a@test", []), ("bad@test", ["X-CALIMPORT-SANDBOX-REFUSE:invalid ORGANIZER"]), ("c@test", [])])
        let result = try target(sandbox).importCalendar(calendar, account: "anna@example.com", mode: .merge, logger: Fixture.logger)
        #expect(try sandbox.identities("anna@example.com") == ["a@test", "c@test"])
        #expect(result.imported == 2)
        #expect(result.failed == 1)
        #expect(result.itemErrors.map(\.uid) == ["bad@test"])
        #expect(result.itemErrors.first?.reason.contains("not stored by the server") == true, "\(result.itemErrors)")
    }

    @Test func componentsTheServerDropsSilentlyAreReported() throws {
        let sandbox = try SandboxHarness()
        let noInstances = ["RRULE:FREQ=DAILY;COUNT=2", "EXDATE:20250301T140000Z,20250302T140000Z"]
        let calendar = try Self.calendar([("a@test", []), ("empty@test", noInstances)])
        #expect(calendar.items.count == 2, "the window keeps the series")
        let result = try target(sandbox).importCalendar(calendar, account: "anna@example.com", mode: .merge, logger: Fixture.logger)
        #expect(try sandbox.identities("anna@example.com") == ["a@test"])
        #expect(result.imported == 1)
        #expect(result.itemErrors.map(\.uid) == ["empty@test"])
    }

    @Test func anOlderSequenceIsSkippedAndARefusedUpdateIsReported() throws {
        let sandbox = try SandboxHarness()
        let target = try target(sandbox)
        _ = try target.importCalendar(try Fixture.calendar(sequence: 5), account: "anna@example.com", mode: .merge, logger: Fixture.logger)
        let older = try target.importCalendar(try Fixture.calendar(sequence: 2), account: "anna@example.com", mode: .merge, logger: Fixture.logger)
        #expect(older.imported == 1, "single-1 has no SEQUENCE: 0 = 0, stored again")
        #expect(older.skipped == 2, "the server keeps SEQUENCE 5 of both weekly components")
        #expect(older.failed == 0)
        _ = try target.importCalendar(try Self.calendar([("u@test", [])]), account: "anna@example.com", mode: .merge, logger: Fixture.logger)
        let refused = try target.importCalendar(try Self.calendar([("u@test", ["SEQUENCE:3", "X-CALIMPORT-SANDBOX-REFUSE:bad"])]),
                                                account: "anna@example.com", mode: .merge, logger: Fixture.logger)
        #expect(refused.failed == 1)
        #expect(refused.itemErrors.first?.reason.contains("SEQUENCE 0, older than the 3 sent") == true, "\(refused.itemErrors)")
    }

    @Test func skipExistingSkipsEveryUIDTheFolderHoldsEvenOutsideTheWindow() throws {
        let sandbox = try SandboxHarness()
        let target = try target(sandbox)
        let earlier = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN", "BEGIN:VEVENT", "UID:moved@test", "DTSTAMP:20200101T000000Z",
                       "DTSTART:20200301T140000Z", "DTEND:20200301T150000Z", "SUMMARY:2020", "END:VEVENT", "END:VCALENDAR", ""].joined(separator: "\r\n")
        _ = try target.importCalendar(try CalendarFilter(window: .unbounded).filter(Data(earlier.utf8)), account: "s@example.com",
                                      mode: .merge, logger: Fixture.logger)
        let result = try target.importCalendar(try Self.calendar([("moved@test", ["SEQUENCE:1"]), ("new@test", [])]),
                                               account: "s@example.com", mode: .skipExisting, logger: Fixture.logger)
        #expect(try sandbox.events("s@example.com").first { $0.uid == "moved@test" }?.sequence == 0, "not overwritten")
        #expect(result.skipped == 1)
        #expect(result.imported == 1)
        #expect(try sandbox.identities("s@example.com") == ["moved@test", "new@test"])
    }

    @Test func aServerFailurePartWayIsVerifiedNotResent() throws {
        let sandbox = try SandboxHarness()
        let calendar = try Self.calendar([("a@test", []), ("abort@test", ["X-CALIMPORT-SANDBOX-ABORT:parse error"]), ("c@test", [])])
        let before = try sandbox.stats()["zimbra"]?.requests ?? 0
        let result = try target(sandbox).importCalendar(calendar, account: "anna@example.com", mode: .merge, logger: Fixture.logger)
        #expect(try sandbox.identities("anna@example.com") == ["a@test"])
        #expect(result.imported == 1)
        #expect(result.itemErrors.map(\.uid) == ["abort@test", "c@test"])
        #expect(result.itemErrors.allSatisfy { $0.reason.contains("HTTP 500") }, "\(result.itemErrors)")
        let requests = try sandbox.stats()["zimbra"]!.requests - before
        #expect(requests == 4, "AuthRequest, DelegateAuthRequest, one POST, one export: \(requests)")
    }

    @Test func basicAuthIsRefusedForAnotherMailboxAndWorksForItsOwn() throws {
        let sandbox = try SandboxHarness()
        let error = #expect(throws: CalendarTargetError.self) {
            try target(sandbox, "&auth=basic").importCalendar(try Fixture.calendar(), account: "anna@example.com", mode: .merge, logger: Fixture.logger)
        }
        #expect(error?.code == .invalidTarget, "\(String(describing: error))")
        #expect(error?.message.contains("auth=admin") == true)
        #expect(try sandbox.inspection("anna@example.com").changes == 0)
        let own = try target(sandbox, "&auth=basic", env: ["CALIMPORT_TARGET_USER": "anna@example.com"])
        let result = try own.importCalendar(try Fixture.calendar(), account: "anna@example.com", mode: .merge, logger: Fixture.logger)
        #expect(result.imported == 3)
    }

    @Test func a401AfterAFreshTokenIsReportedAsWhatItMayMean() throws {
        let sandbox = try SandboxHarness()
        let error = #expect(throws: CalendarTargetError.self) {
            try target(sandbox, "&folder=Nope").importCalendar(try Fixture.calendar(), account: "anna@example.com", mode: .merge, logger: Fixture.logger)
        }
        #expect(error?.code == .accountNotFound, "\(String(describing: error))")
        #expect(error?.message.contains("401 after a fresh token") == true, "\(String(describing: error))")
        #expect(error?.isTransient == false)
    }

    @Test func aPreauthRefusalSaysTheServerDoesNotTellWhy() throws {
        let sandbox = try SandboxHarness(accounts: ["known@example.com"])
        for (account, env) in [("ghost@example.com", [:]), ("known@example.com", ["CALIMPORT_ZIMBRA_PREAUTH_KEY": "bad"])] {
            let error = #expect(throws: CalendarTargetError.self) {
                try target(sandbox, "&auth=preauth", env: env).importCalendar(try Fixture.calendar(), account: account, mode: .merge, logger: Fixture.logger)
            }
            #expect(error?.code == .unauthorized, "\(String(describing: error))")
            #expect(error?.message.contains("wrong key, unknown or locked account (the server does not say which") == true, "\(String(describing: error))")
        }
    }
}
