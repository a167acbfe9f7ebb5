import Foundation
import JobQueue
import TestSupport
import Testing

/// What keeps `work --until-idle` waiting: running jobs anywhere, pending jobs of unpaused batches.
@Suite struct IdlenessTests {
    @Test func unfinishedWorkTellsRunningFromPending() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            #expect(try fixture.queue.unfinishedWork().isNone)
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["a", "b"])
            #expect(try fixture.queue.unfinishedWork() == UnfinishedWork(running: false, pending: true))
            let jobs = try fixture.queue.claim(limit: 2, workerID: "w", leaseDuration: .seconds(60))
            #expect(try fixture.queue.unfinishedWork() == UnfinishedWork(running: true, pending: false))
            try fixture.queue.record([fixture.outcome(jobs[0])], workerID: "w")
            try fixture.queue.setPaused(true, batchName: "b1")
            try fixture.queue.record([fixture.outcome(jobs[1], failing: JobFailure(failureClass: .transient, code: "target.timeout", message: "b: timeout"), delay: .seconds(60))],
                                     workerID: "w")
            // Pending again, but its batch is paused: nothing for an idle worker to wait for.
            #expect(try fixture.queue.unfinishedWork().isNone)
            try fixture.queue.setPaused(false, batchName: "b1")
            #expect(try fixture.queue.unfinishedWork() == UnfinishedWork(running: false, pending: true))
            #expect(try !fixture.queue.unfinishedWork().isNone)
        }
    }
}
