import Foundation
@testable import JobQueue
import Postgres
import TestSupport
import Testing

/// The claim loop's one-statement turn: record the finished jobs, claim the next ones.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct RecordAndClaimTests {
    @Test func recordsTheFinishedAndClaimsTheNextInOneStatement() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["a", "b", "c", "d", "e"])
            let first = try fixture.queue.recordAndClaim([], limit: 2, workerID: "w", leaseDuration: .seconds(60))
            #expect(first.recorded == 0)
            #expect(first.claimed.map(\.account) == ["a", "b"])

            let second = try fixture.queue.recordAndClaim(first.claimed.map { fixture.outcome($0) }, limit: 2, workerID: "w", leaseDuration: .seconds(60))
            #expect(second.recorded == 2)
            #expect(second.claimed.map(\.account) == ["c", "d"])
            #expect(second.claimed.allSatisfy { $0.attempt == 1 })
            #expect(try fixture.states() == ["succeeded": 2, "running": 2, "pending": 1])
            let results = try fixture.queue.connection.query("SELECT count(*) AS n FROM job_results WHERE imported = 2")
            #expect(try results.first?.int("n") == 2)
        }
    }

    @Test func aTurnWithNothingLeftToClaimStillRecords() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["only"])
            let job = try #require(try fixture.queue.claim(limit: 1, workerID: "w", leaseDuration: .seconds(60)).first)
            let turn = try fixture.queue.recordAndClaim([fixture.outcome(job)], limit: 4, workerID: "w", leaseDuration: .seconds(60))
            #expect(turn == ClaimTurn(recorded: 1, claimed: []))
            #expect(try fixture.states() == ["succeeded": 1])
        }
    }

    @Test func aRetriedJobIsNotClaimedBackByTheTurnThatRecordedIt() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["flaky"])
            let job = try #require(try fixture.queue.claim(limit: 1, workerID: "w", leaseDuration: .seconds(60)).first)
            let transient = JobFailure(failureClass: .transient, code: "http.503", message: "flaky: busy")
            let turn = try fixture.queue.recordAndClaim([fixture.outcome(job, failing: transient, delay: .zero)], limit: 1, workerID: "w", leaseDuration: .seconds(60))
            #expect(turn.recorded == 1)
            #expect(turn.claimed.isEmpty)
            #expect(try fixture.states() == ["pending": 1])
            // The next turn may take it (its retry delay was zero): attempt 2.
            let next = try fixture.queue.recordAndClaim([], limit: 1, workerID: "w", leaseDuration: .seconds(60))
            #expect(next.claimed.map(\.attempt) == [2])
        }
    }

    @Test func aStaleOutcomeChangesNothingWhileTheClaimGoesOn() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["slow", "next"])
            let stale = try #require(try fixture.queue.claim(limit: 1, workerID: "w-old", leaseDuration: .seconds(0)).first)
            #expect(try eventually { try fixture.queue.rescueExpiredLeases() == 1 })
            let fresh = try #require(try fixture.queue.claim(limit: 1, workerID: "w-new", leaseDuration: .seconds(60)).first)
            #expect(fresh.account == "slow")
            let turn = try fixture.queue.recordAndClaim([fixture.outcome(stale)], limit: 1, workerID: "w-old", leaseDuration: .seconds(60))
            #expect(turn.recorded == 0)
            #expect(turn.claimed.map(\.account) == ["next"])
            #expect(try fixture.states() == ["running": 2])
        }
    }
}
