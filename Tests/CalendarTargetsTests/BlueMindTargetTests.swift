import CalendarTargets
import Foundation
import HTTPTransport
import ICalendar
import Sandbox
import TestSupport
import Testing

/// The BlueMind connector against the sandbox node.
@Suite struct BlueMindTargetTests {
    func target(_ sandbox: SandboxHarness, env: [String: String] = [:]) throws -> any CalendarTarget {
        try TargetFactory.makeTarget(try TargetURL("bluemind+\(sandbox.url)"), context: sandbox.context(env))
    }

    @Test func importPollsTheTaskAndReportsWhatItDidNotImport() throws {
        let sandbox = try SandboxHarness()
        let result = try target(sandbox).importCalendar(
            try Fixture.calendar(extraUID: "bad@test", refuse: "broken"), account: "bm@example.com", mode: .merge, logger: Fixture.logger)
        #expect(result.imported == 3)
        #expect(result.itemErrors.map(\.uid) == ["bad@test"])
        #expect(try sandbox.identities("bm@example.com") == Fixture.identities)
    }

    @Test func replaceResetsAndSkipExistingLeavesExistingUIDs() throws {
        let sandbox = try SandboxHarness()
        let target = try target(sandbox)
        try Fixture.expectReplaceDropsTheStaleItem(target, in: sandbox, account: "r@example.com")
        let skipped = try target.importCalendar(try Fixture.calendar(sequence: 4, extraUID: "new@test"), account: "r@example.com", mode: .skipExisting, logger: Fixture.logger)
        #expect(skipped.skipped == 3 && skipped.imported == 1)
        #expect(try sandbox.events("r@example.com").filter { $0.uid == "weekly-1@test" }.allSatisfy { $0.sequence == 0 })
    }

    func check(_ sandbox: SandboxHarness, env: [String: String] = [:]) throws -> any TargetCheck {
        let context = sandbox.context(env)
        return try #require(try TargetFactory.makeCheck(try TargetURL("bluemind+\(sandbox.url)"), httpClient: context.httpClient, environment: context.environment))
    }

    @Test func checkAuthenticatesResolvesTheUserFindsTheCalendarAndWritesNothing() throws {
        let sandbox = try SandboxHarness(accounts: ["bm@example.com"])
        _ = try target(sandbox).importCalendar(try Fixture.calendar(), account: "bm@example.com", mode: .merge, logger: Fixture.logger)
        let before = try sandbox.inspection("bm@example.com")
        #expect(before.changes > 0, "the sandbox counts the import's writes")
        #expect(try check(sandbox).check(account: "bm@example.com", logger: Fixture.logger) == [
            "authenticated with the API key as admin (GET /api/auth)",
            "bm@example.com: user bm@example.com found (byLogin)",
            "bm@example.com: calendar calendar:Default:bm@example.com exists (name bm@example.com, owner bm@example.com)",
        ])
        #expect(try check(sandbox).check(account: nil, logger: Fixture.logger) == ["authenticated with the API key as admin (GET /api/auth)"])
        let after = try sandbox.inspection("bm@example.com")
        #expect(after.events == before.events)
        #expect(after.changes == before.changes, "no write reached the node")
    }

    @Test func checkOfAnUnknownUserOrWithABadKeyFailsClassified() throws {
        let sandbox = try SandboxHarness(accounts: ["known@example.com"])
        let missing = #expect(throws: CalendarTargetError.self) { try check(sandbox).check(account: "ghost@example.com", logger: Fixture.logger) }
        #expect(missing?.code == .accountNotFound)
        #expect(missing?.message.hasPrefix("ghost@example.com: ") == true, "\(String(describing: missing))")
        let refused = #expect(throws: CalendarTargetError.self) {
            try check(sandbox, env: ["CALIMPORT_BLUEMIND_API_KEY": "nope"]).check(account: "known@example.com", logger: Fixture.logger)
        }
        #expect(refused?.code == .unauthorized)
        #expect(refused?.message.hasPrefix("known@example.com: ") == true, "\(String(describing: refused))")
        #expect(try sandbox.inspection("known@example.com").changes == 0)
    }

    @Test func badKeyAndUnknownUserArePermanent() throws {
        let sandbox = try SandboxHarness(accounts: ["known@example.com"])
        let auth = #expect(throws: CalendarTargetError.self) {
            try target(sandbox, env: ["CALIMPORT_BLUEMIND_API_KEY": "nope"]).importCalendar(try Fixture.calendar(), account: "known@example.com", mode: .merge, logger: Fixture.logger)
        }
        #expect(auth?.code == .unauthorized)
        let user = #expect(throws: CalendarTargetError.self) {
            try target(sandbox).importCalendar(try Fixture.calendar(), account: "ghost@example.com", mode: .merge, logger: Fixture.logger)
        }
        #expect(user?.code == .accountNotFound)
    }
}
