import Foundation
import ICalendar
@testable import JobQueue
import Postgres
import TestSupport
import Testing

/// pause, resume, cancel, retry, failures, workers and prune, against a real PostgreSQL.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct OperatorControlTests {
    static let transient = JobFailure(failureClass: .transient, code: "target.server", httpStatus: 503, message: "503 from node")
    static let permanent = JobFailure(failureClass: .permanent, code: "source.parse", message: "line 3: bad")

    @Test func pausedBatchIsNotClaimedUntilResumed() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["a", "b"])
            _ = try fixture.queue.submit(QueueFixture.definition("other"), accounts: ["c"])
            try fixture.queue.setPaused(true, batchName: "b1")
            #expect(try fixture.queue.claim(limit: 10, workerID: "w", leaseDuration: .seconds(60)).map(\.account) == ["c"])
            #expect(try fixture.queue.status(batchName: "b1").first?.paused == true)
            try fixture.queue.setPaused(false, batchName: "b1")
            #expect(Set(try fixture.queue.claim(limit: 10, workerID: "w", leaseDuration: .seconds(60)).map(\.account)) == ["a", "b"])
            #expect(throws: JobQueueError.self) { try fixture.queue.setPaused(true, batchName: "nope") }
        }
    }

    @Test func cancelStopsPendingAtOnceAndRunningAtTheirNextCheckpoint() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            try fixture.queue.register(WorkerRegistration(id: "w", host: "h", pid: 1, slots: 4, version: "t"))
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["run-fail", "run-ok", "run-expire"])
            let running = try fixture.queue.claim(limit: 3, workerID: "w", leaseDuration: .seconds(60))
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["pend1", "pend2"])
            let byAccount = Dictionary(uniqueKeysWithValues: running.map { ($0.account, $0) })
            let result = try fixture.queue.cancel(batchName: "b1")
            #expect(result == CancelResult(cancelled: 2, stopping: 3))
            #expect(try fixture.states() == ["cancelled": 2, "running": 3])
            // The worker learns of it at its next heartbeat.
            let heartbeat = try fixture.queue.heartbeat(workerID: "w", leaseIDs: running.map(\.leaseID), leaseDuration: .seconds(60))
            #expect(heartbeat.cancelRequested == Set(running.map(\.id)))
            // A failure of a cancelled job ends cancelled, not pending; a completed import stays succeeded.
            let failing = try #require(byAccount["run-fail"]), finishing = try #require(byAccount["run-ok"])
            #expect(try fixture.queue.record([fixture.outcome(failing, failing: Self.transient), fixture.outcome(finishing)], workerID: "w") == 2)
            // A cancelled job whose worker died ends cancelled when its lease is rescued.
            let expiring = try #require(byAccount["run-expire"])
            try fixture.queue.connection.query("UPDATE jobs SET lease_until = now() - interval '1 second' WHERE id = $1::bigint", [String(expiring.id)])
            #expect(try fixture.queue.rescueExpiredLeases() == 1)
            #expect(try fixture.states() == ["cancelled": 4, "succeeded": 1])
            // The attempt history says how each running job ended.
            let history = try fixture.queue.connection.query(
                "SELECT j.account, a.outcome FROM job_attempts a JOIN jobs j ON j.id = a.job_id ORDER BY j.account")
            #expect(history.map { [$0["account"], $0["outcome"]] } == [
                ["run-expire", "lease_expired"], ["run-fail", "cancelled"], ["run-ok", "succeeded"],
            ])
        }
    }

    @Test func cancelByAccountLeavesTheOthers() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["a", "b\"quoted,comma", "c"])
            #expect(try fixture.queue.cancel(batchName: "b1", accounts: ["b\"quoted,comma"]) == CancelResult(cancelled: 1, stopping: 0))
            #expect(try fixture.states() == ["pending": 2, "cancelled": 1])
            #expect(throws: JobQueueError.self) { try fixture.queue.cancel(batchName: "nope") }
        }
    }

    @Test func retryGivesAFreshBudgetAndKeepsHistory() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(maxAttempts: 2), accounts: ["flaky", "broken", "fine"])
            try failEverything(fixture, attempts: 2)
            #expect(try fixture.states() == ["failed": 2, "succeeded": 1])
            #expect(try fixture.queue.retry(batchName: "b1", selection: .errorClass("permanent")) == 1)
            #expect(try fixture.queue.retry(batchName: "b1", selection: .failed) == 1)
            #expect(try fixture.queue.retry(batchName: "b1", selection: .failed) == 0)
            // Fresh budget: two more attempts each (attempts 3 and 4 for flaky), then failed again.
            let again = try fixture.queue.claim(limit: 5, workerID: "w", leaseDuration: .seconds(60))
            #expect(Set(again.map(\.account)) == ["flaky", "broken"])
            #expect(again.first { $0.account == "flaky" }?.attempt == 3)
            try fixture.queue.record(again.map { fixture.outcome($0, failing: Self.transient) }, workerID: "w")
            let last = try fixture.queue.claim(limit: 5, workerID: "w", leaseDuration: .seconds(60))
            try fixture.queue.record(last.map { fixture.outcome($0, failing: Self.transient) }, workerID: "w")
            #expect(try fixture.states() == ["failed": 2, "succeeded": 1])
            let history = try fixture.queue.connection.query("""
                SELECT a.attempt FROM job_attempts a JOIN jobs j ON j.id = a.job_id WHERE j.account = 'flaky' ORDER BY a.attempt
                """)
            #expect(history.map { $0["attempt"] } == ["1", "2", "3", "4"])
        }
    }

    @Test func retryByAccountBringsBackCancelledAndFailedJobsOnly() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["a", "b", "c"])
            _ = try fixture.queue.cancel(batchName: "b1", accounts: ["a"])
            #expect(try fixture.queue.retry(batchName: "b1", selection: .accounts(["a", "b"])) == 1)
            #expect(try fixture.states() == ["pending": 3])
        }
    }

    @Test func failuresListAttemptsLastErrorAndItemErrors() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(maxAttempts: 1), accounts: ["down", "partial", "clean"])
            let jobs = try fixture.queue.claim(limit: 3, workerID: "w", leaseDuration: .seconds(60))
            let outcomes = jobs.map { job -> JobOutcome in
                switch job.account {
                case "down": return fixture.outcome(job, failing: Self.transient)
                case "partial":
                    return JobOutcome(job: job, result: .succeeded, counters: JobCounters(imported: 1, failed: 1),
                                      itemErrors: [ItemError(uid: "u1", recurrenceID: "20250101T090000Z", reason: "refused: 415")])
                default: return fixture.outcome(job)
                }
            }
            try fixture.queue.record(outcomes, workerID: "w")
            let failures = try fixture.queue.failures(batchName: "b1").sorted { $0.account < $1.account }
            #expect(failures.map(\.account) == ["down", "partial"])
            #expect(failures[0] == AccountFailure(account: "down", state: .failed, attempts: 1, errorClass: "transient",
                                                  errorCode: "target.server", httpStatus: 503, message: "503 from node", itemErrors: []))
            #expect(failures[1].state == .partial)
            #expect(failures[1].itemErrors == [ItemError(uid: "u1", recurrenceID: "20250101T090000Z", reason: "refused: 415")])
        }
    }

    @Test func workersAreListedWithRunningJobsAndTheSilentOnesMarkedDead() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            try fixture.queue.register(WorkerRegistration(id: "alive", host: "h1", pid: 10, slots: 4, version: "t"))
            try fixture.queue.register(WorkerRegistration(id: "silent", host: "h2", pid: 11, slots: 2, version: "t", leaseDuration: .seconds(1), heartbeatInterval: .milliseconds(200)))
            try fixture.queue.register(WorkerRegistration(id: "gone", host: "h3", pid: 12, slots: 2, version: "t"))
            try fixture.queue.deregister(workerID: "gone")
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["a", "b"])
            _ = try fixture.queue.claim(limit: 2, workerID: "alive", leaseDuration: .seconds(60))
            try fixture.queue.connection.query("UPDATE workers SET last_heartbeat = now() - interval '5 seconds' WHERE id = 'silent'")
            let workers = try fixture.queue.workers()
            #expect(workers.map(\.id) == ["alive", "silent"])
            #expect(workers.map(\.dead) == [false, true])
            #expect(workers.map(\.running) == [2, 0])
            #expect(try fixture.queue.workers(includeStopped: true).count == 3)
        }
    }

    @Test func pruneRefusesUnfinishedBatchesAndDeletesFinishedOnes() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(maxAttempts: 1), accounts: ["a", "b"])
            _ = try fixture.queue.submit(QueueFixture.definition("kept"), accounts: ["c"])
            try fixture.queue.setPaused(true, batchName: "kept")
            let first = try fixture.queue.claim(limit: 1, workerID: "w", leaseDuration: .seconds(60))
            #expect(throws: JobQueueError.self) { try fixture.queue.pruneBatch(named: "b1") }
            try failEverything(fixture, attempts: 1, first: first)
            #expect(try fixture.queue.pruneBatch(named: "b1") == 2)
            #expect(try fixture.queue.batch(named: "b1") == nil)
            let left = try fixture.queue.connection.query("""
                SELECT (SELECT count(*) FROM jobs) AS jobs, (SELECT count(*) FROM job_attempts) AS attempts,
                       (SELECT count(*) FROM job_results) AS results
                """)
            #expect(left.first?["jobs"] == "1" && left.first?["attempts"] == "0" && left.first?["results"] == "0")
        }
    }

    /// Works every job `attempts` times: accounts named `fine` or `partial` succeed, `broken`
    /// fails permanently, the rest transiently.
    private func failEverything(_ fixture: QueueFixture, attempts: Int, first: [ClaimedJob] = []) throws {
        var pending = first
        for _ in 0..<(attempts + 1) {
            pending += try fixture.queue.claim(limit: 100, workerID: "w", leaseDuration: .seconds(60))
            let outcomes = pending.map { job -> JobOutcome in
                switch job.account {
                case "fine": return fixture.outcome(job)
                case "broken": return fixture.outcome(job, failing: Self.permanent)
                default: return fixture.outcome(job, failing: Self.transient)
                }
            }
            try fixture.queue.record(outcomes, workerID: "w")
            pending = []
        }
    }
}
