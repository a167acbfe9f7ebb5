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
        try TargetFactory.makeTarget(try TargetURL("bluemind+\(sandbox.url)"), window: .unbounded, context: sandbox.context(env))
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
        _ = try target.importCalendar(try Fixture.calendar(extraUID: "stale@test"), account: "r@example.com", mode: .merge, logger: Fixture.logger)
        _ = try target.importCalendar(try Fixture.calendar(), account: "r@example.com", mode: .replace, logger: Fixture.logger)
        #expect(try sandbox.identities("r@example.com") == Fixture.identities)
        let skipped = try target.importCalendar(try Fixture.calendar(sequence: 4, extraUID: "new@test"), account: "r@example.com", mode: .skipExisting, logger: Fixture.logger)
        #expect(skipped.skipped == 3 && skipped.imported == 1)
        #expect(try sandbox.events("r@example.com").filter { $0.uid == "weekly-1@test" }.allSatisfy { $0.sequence == 0 })
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
