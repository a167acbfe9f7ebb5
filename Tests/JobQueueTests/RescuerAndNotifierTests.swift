import Foundation
@testable import JobQueue
import Postgres
import TestSupport
import Testing

@Suite(.enabled(if: TestDatabase.isEnabled))
struct RescuerAndNotifierTests {
    /// Claims one job of `fixture`'s batch under a lease that is over at once, and waits until
    /// the database sees it expired.
    private func expiredJob(_ fixture: QueueFixture, worker: String) throws -> ClaimedJob {
        let job = try #require(try fixture.queue.claim(limit: 1, workerID: worker, leaseDuration: .seconds(0)).first)
        #expect(try eventually {
            try fixture.queue.connection.query("SELECT lease_until < now() AS expired FROM jobs WHERE id = $1", [job.id])[0].bool("expired")
        })
        return job
    }

    @Test func twoProcessesRescuersMakeOnePassPerInterval() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["a", "b"])
            let first = LeaseRescuer(queue: fixture.queue, interval: .seconds(3600))
            let second = LeaseRescuer(queue: try fixture.secondQueue(), interval: .seconds(3600))

            // While one pass holds the maintenance row, the other process skips its turn.
            _ = try expiredJob(fixture, worker: "dead-1")
            let holder = try PostgresConnection(url: url)
            let skipped = try holder.transaction { connection in
                try connection.query("SELECT 1 FROM queue_maintenance FOR UPDATE")
                return try second.rescueIfDue()
            }
            #expect(skipped == nil)

            // One pass rescues the expired lease; the other process's rescuer, in the same
            // interval, does not pass again: the next expired lease waits for the next interval.
            #expect(try first.rescueIfDue() == 1)
            #expect(try second.rescueIfDue() == nil)
            #expect(try first.rescueIfDue() == nil)
            _ = try expiredJob(fixture, worker: "dead-2")
            #expect(try second.rescueIfDue() == nil)
            #expect(try fixture.states() == ["pending": 1, "running": 1])
            let passes = try fixture.queue.connection.query("SELECT count(*) AS n FROM job_attempts WHERE outcome = 'lease_expired'")
            #expect(try passes[0].int("n") == 1)
        }
    }

    @Test func anExpiredLeaseIsRescuedByWhicheverProcessComesAfterTheInterval() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["a", "b"])
            let first = LeaseRescuer(queue: fixture.queue, interval: .milliseconds(300))
            let second = LeaseRescuer(queue: try fixture.secondQueue(), interval: .milliseconds(300))
            _ = try expiredJob(fixture, worker: "dead-1")
            #expect(try first.rescueIfDue() == 1)
            _ = try expiredJob(fixture, worker: "dead-2")
            #expect(try eventually(timeout: 10) { try second.rescueIfDue() == 1 })
            #expect(try fixture.states() == ["pending": 2])
        }
    }

    @Test func notifierWakesOnSubmitAndTimesOutOtherwise() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            let notifier = try JobNotifier(url: url, logger: QueueFixture.logger)
            #expect(try !notifier.waitForWork(timeout: .milliseconds(100)))
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["a"])
            #expect(try eventually(timeout: 10) { try notifier.waitForWork(timeout: .milliseconds(200)) })
        }
    }
}
