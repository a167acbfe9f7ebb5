import Foundation
import ICalendar
@testable import JobQueue
import Postgres
import TestSupport
import Testing

/// The per-batch counters `status` reads (`batch_counters`, kept by triggers) against a full
/// count of the jobs, after a chaotic run: concurrent workers recording successes, partial
/// successes, transient and permanent failures and abandoned leases, while an operator
/// resubmits, cancels, retries, pauses, releases, rescues and prunes.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct BatchCounterTests {
    /// What `status` would say if it counted every job: per batch, the accounts by account
    /// state and the events imported.
    private func fullCount(_ connection: PostgresConnection) throws -> [String: [String: Int]] {
        let rows = try connection.query("""
            SELECT b.name, \(JobQueue.accountStateSQL) AS state, count(*) AS n, coalesce(sum(r.imported), 0) AS events
            FROM batches b JOIN jobs j ON j.batch_id = b.id LEFT JOIN job_results r ON r.job_id = j.id
            GROUP BY 1, 2
            """)
        var counts: [String: [String: Int]] = [:]
        for row in rows {
            let batch = try row.string("name")
            counts[batch, default: [:]][try row.string("state")] = try row.int("n")
            counts[batch, default: [:]]["events_imported", default: 0] += try row.int("events")
        }
        return counts.mapValues { $0.filter { $0.value != 0 } }
    }

    private func counted(_ queue: JobQueue) throws -> [String: [String: Int]] {
        Dictionary(uniqueKeysWithValues: try queue.status().map { status in
            let values = ["pending": status.pending, "running": status.running, "succeeded": status.succeeded,
                          "partial": status.partial, "failed": status.failed, "cancelled": status.cancelled,
                          "events_imported": status.eventsImported]
            #expect(status.total == status.pending + status.running + status.succeeded + status.partial + status.failed + status.cancelled)
            return (status.batch, values.filter { $0.value != 0 })
        }.filter { !$0.1.isEmpty })
    }

    /// One worker process: claims up to 3 jobs a turn and ends each at random, until `stop`.
    private func work(_ queue: JobQueue, worker: String, seed: UInt64, stop: @escaping @Sendable () -> Bool) throws {
        var random = SeededRandom(seed)
        var held: [ClaimedJob] = []
        while !stop() {
            var outcomes: [JobOutcome] = []
            var released: [ClaimedJob] = []
            for job in held {
                switch random.next() % 10 {
                case 0...3:
                    outcomes.append(JobOutcome(job: job, result: .succeeded, counters: JobCounters(componentsKept: 4, imported: Int(random.next() % 5))))
                case 4:
                    outcomes.append(JobOutcome(job: job, result: .succeeded, counters: JobCounters(componentsKept: 4, imported: 2, failed: 2),
                                               itemErrors: [ItemError(uid: "u\(job.id)", recurrenceID: nil, reason: "refused")]))
                case 5, 6:
                    outcomes.append(JobOutcome(job: job, result: .failed(OperatorControlTests.transient, retryDelay: .zero),
                                               counters: JobCounters(imported: 1)))
                case 7:
                    outcomes.append(JobOutcome(job: job, result: .failed(OperatorControlTests.permanent, retryDelay: .zero), counters: JobCounters()))
                case 8: break  // abandoned: its lease runs out and a rescue gives it back
                default: released.append(job)
                }
            }
            try queue.release(released)
            let lease: Duration = random.next() % 4 == 0 ? .milliseconds(1) : .seconds(60)
            held = try queue.recordAndClaim(outcomes, limit: 3, workerID: worker, leaseDuration: lease).claimed
        }
        try queue.release(held)
    }

    @Test func countersEqualAFullCountAfterAChaoticRun() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            let operatorQueue = fixture.queue
            _ = try operatorQueue.submit(QueueFixture.definition("b1", maxAttempts: 3), accounts: (0..<600).map { "a\($0)@one.example" })
            _ = try operatorQueue.submit(QueueFixture.definition("b2"), accounts: (0..<200).map { "a\($0)@two.example" })
            _ = try operatorQueue.submit(QueueFixture.definition("b3"), accounts: (0..<50).map { "a\($0)@three.example" })
            #expect(try counted(operatorQueue) == (try fullCount(operatorQueue.connection)))

            let stopped = LockedFlag()
            let group = DispatchGroup()
            let failures = LockedErrors()
            for index in 0..<6 {
                let queue = try fixture.secondQueue()
                DispatchQueue.global().async(group: group) {
                    do { try work(queue, worker: "w\(index)", seed: UInt64(index + 1), stop: { stopped.isSet }) } catch { failures.append(error) }
                }
            }
            var random = SeededRandom(99)
            let rescuer = try fixture.secondQueue()
            for round in 0..<40 {
                switch round % 8 {
                case 0: _ = try operatorQueue.submit(QueueFixture.definition("b1", maxAttempts: 3),
                                                     accounts: (0..<(600 + round * 5)).map { "a\($0)@one.example" })
                case 1: _ = try operatorQueue.cancel(batchName: "b2", accounts: (0..<10).map { _ in "a\(random.next() % 200)@two.example" })
                case 2: _ = try operatorQueue.retry(batchName: "b1", selection: .failed)
                case 3: _ = try operatorQueue.retry(batchName: "b1", selection: .partial)
                case 4: try operatorQueue.setPaused(round % 16 == 4, batchName: "b2")
                case 5: _ = try operatorQueue.retry(batchName: "b2", selection: .accounts((0..<20).map { "a\($0)@two.example" }))
                case 6 where round < 30: _ = try operatorQueue.cancel(batchName: "b3")
                default: _ = try rescuer.rescueExpiredLeases()
                }
                if round == 30 {
                    #expect(try eventually { try operatorQueue.status(batchName: "b3").first?.running == 0 })
                    _ = try operatorQueue.pruneBatch(named: "b3")
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            try operatorQueue.setPaused(false, batchName: "b2")
            // Let the workers run until most of the work is done, then stop them.
            #expect(try eventually(timeout: 120) {
                _ = try rescuer.rescueExpiredLeases()
                return try operatorQueue.status().reduce(0) { $0 + $1.pending } < 20
            })
            stopped.set()
            group.wait()
            #expect(failures.isEmpty, "\(failures.all)")
            _ = try rescuer.rescueExpiredLeases()

            let full = try fullCount(operatorQueue.connection)
            #expect(try counted(operatorQueue) == full)
            #expect(full["b3"] == nil)
            // The run did reach every final state (how many are still pending when the workers
            // stop depends on the machine's speed: none, on a quiet one).
            let states = Set(full.values.flatMap(\.keys))
            #expect(states.isSuperset(of: ["succeeded", "partial", "failed", "cancelled", "events_imported"]), "\(states)")
            let rescued = try operatorQueue.connection.query("SELECT count(*) AS n FROM job_attempts WHERE outcome = 'lease_expired'")
            #expect(try rescued[0].int("n") > 0)
        }
    }

    @Test func aHeartbeatWritesNoCounter() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["a", "b"])
            let jobs = try fixture.queue.claim(limit: 2, workerID: "w", leaseDuration: .seconds(60))
            let rows = { try fixture.queue.connection.query("SELECT counter, shard, value, xmin::text AS version FROM batch_counters ORDER BY 1, 2").map { try $0.string("version") } }
            let versions = try rows()
            try fixture.queue.heartbeat(workerID: "w", leaseIDs: jobs.map(\.leaseID), leaseDuration: .seconds(60))
            #expect(try rows() == versions)
            #expect(try fixture.queue.status().first?.running == 2)
        }
    }
}

/// A small deterministic generator (SplitMix64), so that a failing run can be replayed.
struct SeededRandom {
    private var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A flag set once, read from many threads.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// Errors collected from worker threads.
final class LockedErrors: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [any Error] = []
    func append(_ error: any Error) { lock.withLock { errors.append(error) } }
    var all: [any Error] { lock.withLock { errors } }
    var isEmpty: Bool { all.isEmpty }
}
