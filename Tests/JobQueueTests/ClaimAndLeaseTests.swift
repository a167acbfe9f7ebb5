import Foundation
@testable import JobQueue
import Postgres
import TestSupport
import Testing

@Suite(.enabled(if: TestDatabase.isEnabled))
struct ClaimAndLeaseTests {
    @Test func concurrentClaimersTakeEveryJobExactlyOnce() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: (1...600).map { "u\($0)@example.com" })
            let claimers = try (0..<6).map { _ in try fixture.secondQueue() }
            let seen = ClaimLog()
            DispatchQueue.concurrentPerform(iterations: claimers.count) { index in
                let queue = claimers[index]
                while let jobs = try? queue.claim(limit: 7, workerID: "w\(index)", leaseDuration: .seconds(60)), !jobs.isEmpty {
                    seen.add(jobs)
                    _ = try? queue.record(jobs.map { fixture.outcome($0) }, workerID: "w\(index)")
                }
            }
            #expect(seen.ids.count == 600)
            #expect(Set(seen.ids).count == 600)
            #expect(try fixture.states() == ["succeeded": 600])
        }
    }

    @Test func claimRespectsLimitAndOrder() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["c", "a", "b", "d"])
            let jobs = try fixture.queue.claim(limit: 3, workerID: "w", leaseDuration: .seconds(60))
            #expect(jobs.count == 3)
            #expect(jobs.map(\.id) == jobs.map(\.id).sorted())
            #expect(jobs.allSatisfy { $0.attempt == 1 })
            #expect(Set(jobs.map(\.leaseID)).count == 3)
            #expect(try fixture.states() == ["running": 3, "pending": 1])
        }
    }

    @Test func fencedAckAfterRescueChangesNothing() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["slow@example.com"])
            let stale = try #require(try fixture.queue.claim(limit: 1, workerID: "w-old", leaseDuration: .seconds(0)).first)
            #expect(try eventually { try fixture.queue.rescueExpiredLeases() == 1 })
            #expect(try fixture.states() == ["pending": 1])
            let fresh = try #require(try fixture.queue.claim(limit: 1, workerID: "w-new", leaseDuration: .seconds(60)).first)
            #expect(fresh.attempt == 2)
            // The old worker finally acks: fenced by its lease, it changes nothing.
            #expect(try fixture.queue.record([fixture.outcome(stale)], workerID: "w-old") == 0)
            #expect(try fixture.states() == ["running": 1])
            #expect(try fixture.queue.record([fixture.outcome(fresh)], workerID: "w-new") == 1)
            #expect(try fixture.states() == ["succeeded": 1])
            let history = try fixture.queue.connection.query("SELECT attempt, outcome FROM job_attempts ORDER BY attempt")
            #expect(history.map { $0["outcome"] } == ["lease_expired", "succeeded"])
        }
    }

    @Test func heartbeatKeepsLeasesAliveAndRescueSkipsThem() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            try fixture.queue.register(WorkerRegistration(id: "w", host: "h", pid: 1, slots: 2, version: "t"))
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["a", "b"])
            let jobs = try fixture.queue.claim(limit: 2, workerID: "w", leaseDuration: .seconds(0))
            #expect(try fixture.queue.heartbeat(workerID: "w", leaseIDs: jobs.map(\.leaseID), leaseDuration: .seconds(60)).extended == 2)
            #expect(try fixture.queue.rescueExpiredLeases() == 0)
            #expect(try fixture.states() == ["running": 2])
        }
    }

    @Test func heartbeatRecordsProgressOfHeldJobsOnlyAndAStateChangeClearsIt() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            try fixture.queue.register(WorkerRegistration(id: "w", host: "h", pid: 1, slots: 3, version: "t"))
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["a", "b", "c"])
            let jobs = try fixture.queue.claim(limit: 3, workerID: "w", leaseDuration: .seconds(60))
            let (a, b, c) = (jobs[0], jobs[1], jobs[2])
            let changed = Date(timeIntervalSince1970: 1_800_000_000)
            // a reports, b's lease is extended without a report, c reports but its lease is not among those held.
            let progress = [JobProgress(leaseID: a.leaseID, phase: "pushing", done: 2_819, total: 4_778, changedAt: changed),
                            JobProgress(leaseID: c.leaseID, phase: "pushing", done: 7, total: 9, changedAt: changed)]
            let beat = try fixture.queue.heartbeat(workerID: "w", leaseIDs: [a.leaseID, b.leaseID], progress: progress, leaseDuration: .seconds(60))
            #expect(beat.extended == 2)
            #expect(try Self.progress(fixture, a) == LiveProgress(phase: "pushing", done: 2_819, total: 4_778, changedAt: changed))
            #expect(try Self.progress(fixture, b) == nil)
            #expect(try Self.progress(fixture, c) == nil)
            // A later report of a moves it on; the running list shows it.
            try fixture.queue.heartbeat(workerID: "w", leaseIDs: [a.leaseID], progress: [JobProgress(
                leaseID: a.leaseID, phase: "verifying", done: 4_778, total: 4_778, changedAt: changed)], leaseDuration: .seconds(60))
            let running = try fixture.queue.slowestRunningJobs(batchName: nil, limit: 5)
            #expect(running.count == 3 && running.first { $0.account == "a" }?.progress?.phase == "verifying")
            // Recording the outcome ends the job: its progress is gone, the counters are in its result.
            #expect(try fixture.queue.record([fixture.outcome(a)], workerID: "w") == 1)
            #expect(try Self.progress(fixture, a) == nil)
            #expect(try fixture.queue.accountJobs(AccountJobFilter(batch: "b1")).allSatisfy { $0.progress == nil })
        }
    }

    private static func progress(_ fixture: QueueFixture, _ job: ClaimedJob) throws -> LiveProgress? {
        let row = try #require(try fixture.queue.connection.query(
            "SELECT \(LiveProgress.columns) FROM jobs j WHERE j.id = $1", [job.id]).first)
        return try LiveProgress.read(row)
    }

    @Test func transientFailuresRetryUntilMaxAttemptsPermanentFailAtOnce() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(maxAttempts: 3), accounts: ["flaky", "broken"])
            let transient = JobFailure(failureClass: .transient, code: "target.server", httpStatus: 503, message: "flaky: 503")
            let permanent = JobFailure(failureClass: .permanent, code: "source.parse", message: "broken: line 3: bad")
            var jobs = try fixture.queue.claim(limit: 2, workerID: "w", leaseDuration: .seconds(60))
            let flaky = try #require(jobs.first { $0.account == "flaky" })
            let broken = try #require(jobs.first { $0.account == "broken" })
            #expect(try fixture.queue.record([fixture.outcome(flaky, failing: transient), fixture.outcome(broken, failing: permanent)], workerID: "w") == 2)
            #expect(try fixture.states() == ["pending": 1, "failed": 1])
            for attempt in 2...3 {
                jobs = try fixture.queue.claim(limit: 2, workerID: "w", leaseDuration: .seconds(60))
                #expect(jobs.map(\.attempt) == [attempt])
                try fixture.queue.record(jobs.map { fixture.outcome($0, failing: transient) }, workerID: "w")
            }
            #expect(try fixture.states() == ["failed": 2])
            let status = try #require(try fixture.queue.status(batchName: "b1").first)
            #expect(status.failed == 2)
            #expect(Set(status.failedAccounts.map(\.reason)) == ["flaky: 503", "broken: line 3: bad"])
        }
    }

    @Test func retryDelayKeepsJobOutOfReach() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["later"])
            let job = try #require(try fixture.queue.claim(limit: 1, workerID: "w", leaseDuration: .seconds(60)).first)
            let failure = JobFailure(failureClass: .transient, code: "target.throttled", httpStatus: 429, message: "later: 429", retryAfter: 120)
            try fixture.queue.record([fixture.outcome(job, failing: failure, delay: .seconds(120))], workerID: "w")
            #expect(try fixture.queue.claim(limit: 1, workerID: "w", leaseDuration: .seconds(60)).isEmpty)
            #expect(try !fixture.queue.unfinishedWork().isNone)
        }
    }

    @Test func releaseReturnsJobWithoutCountingTheAttempt() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["a"])
            let jobs = try fixture.queue.claim(limit: 1, workerID: "w", leaseDuration: .seconds(60))
            #expect(try fixture.queue.release(jobs) == 1)
            let again = try fixture.queue.claim(limit: 1, workerID: "w", leaseDuration: .seconds(60))
            #expect(again.first?.attempt == 1)
        }
    }

    @Test func retryPolicyGrowsAndHonoursRetryAfter() {
        let policy = RetryPolicy(base: .seconds(5), cap: .seconds(900))
        var generator = SplitMix(seed: 7)
        let ceilings = (1...12).map { attempt in
            (0..<200).map { _ in policy.delay(afterAttempt: attempt, retryAfter: nil, using: &generator) }.max()!
        }
        #expect(ceilings[0] <= .seconds(5))
        #expect(ceilings[3] > .seconds(10) && ceilings[3] <= .seconds(40))
        #expect(ceilings[11] <= .seconds(900) && ceilings[11] > .seconds(450))
        #expect(policy.delay(afterAttempt: 1, retryAfter: 300, using: &generator) >= .seconds(300))
    }
}

final class ClaimLog: @unchecked Sendable {
    private let lock = NSLock()
    private var claimed: [Int] = []
    func add(_ jobs: [ClaimedJob]) { lock.withLock { claimed += jobs.map(\.id) } }
    var ids: [Int] { lock.withLock { claimed } }
}

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
