import CalendarTargets
import Foundation
import HTTPTransport
import ICalendar
import Sandbox
import TestSupport
import Testing

/// The CalDAV connector against the sandbox node (Radicale is covered in ImporterTests).
@Suite struct CalDAVTargetTests {
    func target(_ sandbox: SandboxHarness, _ query: String = "") throws -> any CalendarTarget {
        let url = try TargetURL("caldav+\(sandbox.url)/caldav/{account}/calendar/" + query)
        return try TargetFactory.makeTarget(url, context: sandbox.context())
    }

    @Test func importsOnceWithScheduleAgentClientOnOrganizerAndAttendees() throws {
        let sandbox = try SandboxHarness()
        let target = try target(sandbox)
        let first = try target.importCalendar(try Fixture.calendar(), account: "a@example.com", mode: .merge, logger: Fixture.logger)
        #expect(first.imported == 3)
        let again = try target.importCalendar(try Fixture.calendar(), account: "a@example.com", mode: .merge, logger: Fixture.logger)
        #expect(again.imported == 0 && again.skipped == 3)
        #expect(try sandbox.identities("a@example.com") == Fixture.identities)
        let weekly = try sandbox.events("a@example.com").filter { $0.uid == "weekly-1@test" }
        #expect(weekly.allSatisfy { !$0.scheduleAgents.isEmpty && $0.scheduleAgents.allSatisfy { $0 == "CLIENT" } })
    }

    @Test func invitationsServerLeavesSchedulingToTheServer() throws {
        let sandbox = try SandboxHarness()
        _ = try target(sandbox, "?invitations=server").importCalendar(try Fixture.calendar(), account: "s@example.com", mode: .merge, logger: Fixture.logger)
        let master = try sandbox.events("s@example.com").first { $0.uid == "weekly-1@test" && $0.recurrenceID == nil }
        #expect(master?.scheduleAgents == ["", ""])
    }

    @Test func mergeUpdatesANewerVersionWithIfMatchAndSkipExistingLeavesIt() throws {
        let sandbox = try SandboxHarness()
        let target = try target(sandbox)
        _ = try target.importCalendar(try Fixture.calendar(), account: "m@example.com", mode: .merge, logger: Fixture.logger)
        let skipped = try target.importCalendar(try Fixture.calendar(sequence: 3), account: "m@example.com", mode: .skipExisting, logger: Fixture.logger)
        #expect(skipped.skipped == 3)
        #expect(try sandbox.events("m@example.com").allSatisfy { $0.sequence == 0 })
        let merged = try target.importCalendar(try Fixture.calendar(sequence: 3), account: "m@example.com", mode: .merge, logger: Fixture.logger)
        #expect(merged.imported == 2)  // the weekly series (master + override); the single event is unchanged
        #expect(try sandbox.events("m@example.com").filter { $0.uid == "weekly-1@test" }.allSatisfy { $0.sequence == 3 })
        #expect(try sandbox.identities("m@example.com") == Fixture.identities)
    }

    @Test func replaceDeletesWhatTheFileDoesNotHold() throws {
        let sandbox = try SandboxHarness()
        try Fixture.expectReplaceDropsTheStaleItem(try target(sandbox), in: sandbox, account: "r@example.com")
    }

    @Test func aRefusedItemIsReportedAndTheRestImports() throws {
        let sandbox = try SandboxHarness()
        let result = try target(sandbox).importCalendar(
            try Fixture.calendar(extraUID: "bad@test", refuse: "no DTSTART"), account: "e@example.com", mode: .merge, logger: Fixture.logger)
        #expect(result.imported == 3)
        #expect(result.failed == 1)
        #expect(result.itemErrors.map(\.uid) == ["bad@test"])
        #expect(result.itemErrors.first?.reason.contains("403") == true)
        #expect(try sandbox.identities("e@example.com") == Fixture.identities)
    }

    @Test func aMissingHomeIsAPermanentAccountError() throws {
        let sandbox = try SandboxHarness(accounts: ["known@example.com"])
        let error = #expect(throws: CalendarTargetError.self) {
            try target(sandbox).importCalendar(try Fixture.calendar(), account: "ghost@example.com", mode: .merge, logger: Fixture.logger)
        }
        #expect(error?.code == .accountNotFound)
    }

    @Test func lostAnswersAreRetriedWithoutDuplicates() throws {
        let sandbox = try SandboxHarness(resetRate: 0.3)
        let target = try target(sandbox)
        for account in (0..<10).map({ "reset\($0)@example.com" }) {
            var imported = false
            for _ in 0..<3 where !imported {  // as the queue would: a transient failure is tried again
                do {
                    let result = try target.importCalendar(try Fixture.calendar(), account: account, mode: .merge, logger: Fixture.logger)
                    #expect(result.failed == 0 && result.imported + result.skipped == 3, "\(account): \(result)")
                    imported = true
                } catch let error as CalendarTargetError {
                    #expect(error.isTransient, "\(error)")
                }
            }
            #expect(imported, "\(account) never imported")
            // Every item arrived, each exactly once: an empty or partial calendar fails here.
            #expect(try sandbox.identities(account).sorted() == Fixture.identities, "\(account)")
        }
        #expect(try sandbox.stats()["caldav"]!.resets > 0)
    }
}
