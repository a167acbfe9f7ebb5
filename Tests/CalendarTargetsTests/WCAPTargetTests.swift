import CalendarTargets
import Foundation
import HTTPTransport
import ICalendar
import Sandbox
import TestSupport
import Testing

/// The WCAP connector against the sandbox node.
@Suite struct WCAPTargetTests {
    func target(_ sandbox: SandboxHarness, env: [String: String] = [:]) throws -> any CalendarTarget {
        try TargetFactory.makeTarget(try TargetURL("wcap+\(sandbox.url)"), context: sandbox.context(env))
    }

    @Test func aReimportLeavesTheUIDsAlreadyThereAndLogsOutAtClose() throws {
        let sandbox = try SandboxHarness()
        let target = try target(sandbox)
        let first = try target.importCalendar(try Fixture.calendar(), account: "w@example.com", mode: .merge, logger: Fixture.logger)
        #expect(first.imported == 3)
        // The sandbox does not match UIDs (no document says import.wcap does): a re-sent UID would be a second copy.
        let again = try target.importCalendar(try Fixture.calendar(extraUID: "new@test"), account: "w@example.com", mode: .merge, logger: Fixture.logger)
        #expect(again.skipped == 3 && again.imported == 1 && again.failed == 0, "\(again)")
        #expect(try sandbox.identities("w@example.com") == (Fixture.identities + ["new@test"]).sorted())
        let before = try sandbox.stats()["wcap"]!.requests
        target.close(logger: Fixture.logger)
        #expect(try sandbox.stats()["wcap"]!.requests == before + 1)
    }

    @Test func anExpiredSessionLogsInAgainOnce() throws {
        let sandbox = try SandboxHarness()
        let target = try target(sandbox)
        _ = try target.importCalendar(try Fixture.calendar(), account: "w@example.com", mode: .merge, logger: Fixture.logger)
        try sandbox.expireSessions()
        _ = try target.importCalendar(try Fixture.calendar(extraUID: "x@test"), account: "w@example.com", mode: .merge, logger: Fixture.logger)
        #expect(try sandbox.identities("w@example.com").contains("x@test"))
    }

    @Test func theWindowIsCalimportsSoTheServersUndocumentedRangeDropsNothing() throws {
        let sandbox = try SandboxHarness()
        let february = DateWindow(from: try DateWindow.parseBound("2025-02-01"), to: try DateWindow.parseBound("2025-03-01"))
        // calimport's window keeps the weekly series (it has instances in February, its master is in
        // January); the sandbox's pessimistic range would drop it, so the connector sends dtstart=0&dtend=0.
        let kept = try CalendarFilter(window: february).filter(Data(Fixture.text().utf8))
        let result = try target(sandbox).importCalendar(kept, account: "f@example.com", mode: .merge, logger: Fixture.logger)
        #expect(result.imported == 3 && result.failed == 0)
        #expect(try sandbox.identities("f@example.com") == Fixture.identities)
    }

    func check(_ sandbox: SandboxHarness, env: [String: String] = [:]) throws -> any TargetCheck {
        let context = sandbox.context(env)
        return try #require(try TargetFactory.makeCheck(try TargetURL("wcap+\(sandbox.url)"), httpClient: context.httpClient, environment: context.environment))
    }

    @Test func checkLogsInWithProxyauthReadsTheCalendarPropertiesLogsOutAndWritesNothing() throws {
        let sandbox = try SandboxHarness(accounts: ["w@example.com"])
        _ = try target(sandbox).importCalendar(try Fixture.calendar(), account: "w@example.com", mode: .merge, logger: Fixture.logger)
        let before = try sandbox.inspection("w@example.com")
        #expect(before.changes > 0, "the sandbox counts the import's writes")
        let requests = try sandbox.stats()["wcap"]!.requests
        #expect(try check(sandbox).check(account: "w@example.com", logger: Fixture.logger) == [
            "login.wcap accepted admin acting for w@example.com (proxyauth)",
            "w@example.com: calendar w@example.com exists (get_calprops.wcap, name w@example.com, primary owner w@example.com)",
            "w@example.com: fetchcomponents_by_range.wcap reads the calendar (2 UIDs); no document says import.wcap matches UIDs, "
                + "so imports leave UIDs already there as they are (not updated) and read back what a lost answer may have imported before re-sending the rest",
        ])
        #expect(try sandbox.stats()["wcap"]!.requests == requests + 4, "login.wcap, get_calprops.wcap, fetchcomponents_by_range.wcap, logout.wcap")
        #expect(try check(sandbox).check(account: nil, logger: Fixture.logger) == ["login.wcap accepted admin"])
        let after = try sandbox.inspection("w@example.com")
        #expect(after.events == before.events)
        #expect(after.changes == before.changes, "no write reached the node")
    }

    @Test func checkOfAnUnknownAccountOrWithAWrongPasswordFailsClassified() throws {
        let sandbox = try SandboxHarness(accounts: ["known@example.com"])
        let missing = #expect(throws: CalendarTargetError.self) { try check(sandbox).check(account: "ghost@example.com", logger: Fixture.logger) }
        #expect(missing?.code == .accountNotFound)
        #expect(missing?.message.hasPrefix("ghost@example.com: get_calprops.wcap failed with errno 29") == true, "\(String(describing: missing))")
        let refused = #expect(throws: CalendarTargetError.self) {
            try check(sandbox, env: ["CALIMPORT_TARGET_PASSWORD": "wrong"]).check(account: "known@example.com", logger: Fixture.logger)
        }
        #expect(refused?.code == .unauthorized)
        #expect(refused?.message.hasPrefix("known@example.com: login.wcap refused the credentials") == true, "\(String(describing: refused))")
        #expect(try sandbox.inspection("known@example.com").changes == 0)
        #expect(try sandbox.inspection("ghost@example.com").changes == 0)
    }

    @Test func errnosBecomeClassifiedFailures() throws {
        let sandbox = try SandboxHarness(accounts: ["known@example.com"])
        let missing = #expect(throws: CalendarTargetError.self) {
            try target(sandbox).importCalendar(try Fixture.calendar(), account: "ghost@example.com", mode: .merge, logger: Fixture.logger)
        }
        #expect(missing?.code == .accountNotFound)
        #expect(missing?.message.contains("errno 29") == true)
        let login = #expect(throws: CalendarTargetError.self) {
            try target(sandbox, env: ["CALIMPORT_TARGET_PASSWORD": "wrong"]).importCalendar(try Fixture.calendar(), account: "known@example.com", mode: .merge, logger: Fixture.logger)
        }
        #expect(login?.code == .unauthorized)
        let replace = #expect(throws: CalendarTargetError.self) {
            try target(sandbox).importCalendar(try Fixture.calendar(), account: "known@example.com", mode: .replace, logger: Fixture.logger)
        }
        #expect(replace?.isTransient == false)
        #expect(replace?.message.contains("replace") == true)
    }
}
