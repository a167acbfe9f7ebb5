import Foundation
@testable import JobQueue
import Logging
import Postgres
import TestSupport
import Testing

/// `calimport work` processes under kill -9, SIGTERM (graceful, grace expired, second signal),
/// pause/resume, and many processes over thousands of jobs, against a real PostgreSQL.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct WorkerLifecycleTests {
    static let fastLeases = ["--lease", "2", "--heartbeat", "0.3", "--poll-interval", "0.3"]

    @Test func killedWorkersJobsAreRescuedAndCompletedByAnotherProcess() throws {
        try TestDatabase.with { url in
            let target = try GatedTarget(accounts: (1...6).map { "user\($0)@example.com" })
            defer { target.stop() }
            let cli = Self.cli(url)
            #expect(try cli.run(target.submitArguments(batch: "b")).status == 0)
            let queue = try JobQueue.open(url: url, logger: Logger(label: "test"))
            // Worker A takes four jobs and hangs on the closed gate.
            let doomed = try cli.start(["work", "--concurrency", "4"] + Self.fastLeases)
            #expect(try eventually { try Self.count(queue, "state = 'running'") == 4 })
            let doomedWorker = try #require(try queue.workers().first)
            doomed.signal(SIGKILL)
            _ = try doomed.wait(timeout: 30)
            try target.open()

            let survivor = try cli.run(["work", "--concurrency", "4", "--until-idle"] + Self.fastLeases, timeout: 120)
            #expect(survivor.status == 0, "\(survivor.standardError)")
            #expect(try queue.status(batchName: "b").first?.succeeded == 6)
            // The four rescued jobs took a second attempt; the first is in their history as lease_expired.
            #expect(try Self.count(queue, "attempt = 2") == 4)
            let expired = try queue.connection.query(
                "SELECT count(*) AS n FROM job_attempts WHERE outcome = 'lease_expired' AND worker_id = $1", [doomedWorker.id])
            #expect(expired.first?["n"] == "4")
            #expect(try queue.workers().contains { $0.id == doomedWorker.id && $0.dead })
        }
    }

    @Test func sigtermStopsClaimingAndLetsInFlightJobsFinish() throws {
        try TestDatabase.with { url in
            let (target, queue, worker) = try Self.twoJobsHeldBy(url, concurrency: 4, grace: 60)
            defer { target.stop() }
            worker.signal(SIGTERM)
            #expect(try eventually { try queue.workers().first?.stoppingSince != nil })
            // Work submitted now is left for others.
            _ = try queue.submit(BatchDefinition(name: "later", source: target.source.path, target: target.url), accounts: ["x"])
            try target.open()
            let output = try worker.wait(timeout: 60)
            #expect(output.status == 0, "\(output.standardError)")
            let status = try queue.status(batchName: "b").first
            #expect(status?.succeeded == 2, "\(String(describing: status))")
            #expect(try queue.status(batchName: "later").first?.pending == 1)
            #expect(try queue.workers().isEmpty)
        }
    }

    @Test func jobsStillRunningWhenTheGraceEndsAreReleasedWithoutCountingTheAttempt() throws {
        try TestDatabase.with { url in
            let (target, queue, worker) = try Self.twoJobsHeldBy(url, concurrency: 2, grace: 0.5)
            defer { target.stop() }
            worker.signal(SIGTERM)
            let output = try worker.wait(timeout: 60)
            #expect(output.status == 0, "\(output.standardError)")
            #expect(try Self.count(queue, "state = 'pending' AND attempt = 0") == 2)
            #expect(try queue.workers().isEmpty)
        }
    }

    @Test func aSecondSignalExitsAtOnceAndTheLeasesAreRescuedLater() throws {
        try TestDatabase.with { url in
            let (target, queue, worker) = try Self.twoJobsHeldBy(url, concurrency: 2, grace: 600)
            defer { target.stop() }
            worker.signal(SIGTERM)
            #expect(try eventually { try queue.workers().first?.stoppingSince != nil })
            worker.signal(SIGTERM)
            let output = try worker.wait(timeout: 30)
            #expect(output.status != 0)
            #expect(try Self.count(queue, "state = 'running'") == 2)
            #expect(try eventually { try queue.rescueExpiredLeases() == 2 })
            #expect(try Self.count(queue, "state = 'pending' AND attempt = 1") == 2)
        }
    }

    @Test func pausedBatchWaitsForResumeAndCancelEndsPendingJobs() throws {
        try TestDatabase.with { url in
            let target = try GatedTarget(accounts: ["a@example.com", "b@example.com", "c@example.com"])
            defer { target.stop() }
            try target.open()
            let cli = Self.cli(url)
            #expect(try cli.run(target.submitArguments(batch: "b")).status == 0)
            #expect(try cli.run(target.submitArguments(batch: "doomed")).status == 0)
            #expect(try cli.run(["pause", "--batch", "b"]).status == 0)
            #expect(try cli.run(["pause", "--batch", "doomed"]).status == 0)
            let queue = try JobQueue.open(url: url, logger: Logger(label: "test"))
            let worker = try cli.start(["work", "--concurrency", "2"] + Self.fastLeases)
            // Several heartbeats (and claim turns) later, the paused batch is untouched.
            #expect(try eventually { try Self.heartbeatsSinceStart(queue) > 1.0 })
            #expect(try queue.status(batchName: "b").first?.pending == 3)
            let cancelled = try cli.run(["cancel", "--batch", "doomed"])
            #expect(cancelled.standardOutput.contains("3 pending jobs cancelled"))
            #expect(try cli.run(["resume", "--batch", "b"]).status == 0)
            #expect(try eventually { try queue.status(batchName: "b").first?.succeeded == 3 })
            worker.signal(SIGTERM)
            #expect(try worker.wait(timeout: 60).status == 0)
            #expect(try queue.status(batchName: "doomed").first?.cancelled == 3)
            let retried = try cli.run(["retry", "--batch", "doomed", "--account", "a@example.com"])
            #expect(retried.standardOutput.contains("1 jobs requeued"))
        }
    }

    @Test func cancelStopsARunningImportBetweenItemsAndTheJobEndsCancelled() throws {
        try TestDatabase.with { url in
            // One account of 40 events, one PUT at a time; the target answers the PROPFIND and
            // five PUTs, then holds the sixth until the gate opens.
            let target = try GatedTarget(accounts: ["a@example.com"], eventsPerAccount: 40, answeredBeforeGate: 6)
            defer { target.stop() }
            let cli = Self.cli(url)
            #expect(try cli.run(target.submitArguments(batch: "b", targetOptions: "?parallel=1")).status == 0)
            let queue = try JobQueue.open(url: url, logger: Logger(label: "test"))
            let worker = try cli.start(["work", "--concurrency", "1", "--lease", "5", "--heartbeat", "0.2", "--poll-interval", "0.3",
                                        "--log-level", "info"])
            #expect(eventually { target.received("PUT") == 6 })
            #expect(try Self.count(queue, "state = 'running'") == 1)

            let cancel = try cli.run(["cancel", "--batch", "b", "--account", "a@example.com"])
            #expect(cancel.standardOutput.contains("0 pending jobs cancelled; 1 running jobs asked to stop"), "\(cancel.standardError)")
            // The worker learns of it at a heartbeat; only then may the held PUT finish.
            #expect(eventually { worker.standardErrorSoFar.contains("job.cancel.requested") })
            try target.open()
            #expect(try eventually { try Self.count(queue, "state = 'cancelled'") == 1 })

            // It stopped between items: the held PUT finished and no other started.
            #expect(target.received("PUT") == 6)
            let job = try #require(try queue.accountJobs(AccountJobFilter(batch: "b")).first)
            #expect(job.state == .cancelled && job.attempts == 1)
            #expect(job.eventsKept == 40 && job.imported == 6)
            #expect(job.errorClass == "permanent" && job.errorCode == "job.cancelled", "\(job)")
            let history = try queue.connection.query("SELECT outcome, error_code FROM job_attempts")
            #expect(history.map { [$0["outcome"], $0["error_code"]] } == [["cancelled", "job.cancelled"]])
            #expect(eventually { worker.standardErrorSoFar.contains("job.cancelled") })
            worker.signal(SIGTERM)
            let output = try worker.wait(timeout: 60)
            #expect(output.status == 0, "\(output.standardError)")
        }
    }

    @Test func manyProcessesWorkThousandsOfJobsExactlyOnce() throws {
        try TestDatabase.with { url in
            let target = try GatedTarget(accounts: (1...1500).map { "user\($0)@example.com" })
            defer { target.stop() }
            try target.open()
            let cli = Self.cli(url)
            #expect(try cli.run(target.submitArguments(batch: "b")).status == 0)
            let workers = try (0..<3).map { _ in try cli.start(["work", "--concurrency", "8", "--until-idle"] + Self.fastLeases) }
            for worker in workers {
                let output = try worker.wait(timeout: 300)
                #expect(output.status == 0, "\(output.standardError)")
            }
            let queue = try JobQueue.open(url: url, logger: Logger(label: "test"))
            #expect(try queue.status(batchName: "b").first?.succeeded == 1500)
            // Claimed once each: one attempt per job, one history row per job.
            #expect(try Self.count(queue, "attempt = 1") == 1500)
            let history = try queue.connection.query(
                "SELECT count(*) AS n, count(DISTINCT job_id) AS jobs, count(DISTINCT worker_id) AS workers FROM job_attempts")
            #expect(history.first?["n"] == "1500" && history.first?["jobs"] == "1500")
            #expect(Int(history.first?["workers"] ?? "0") ?? 0 >= 2)
        }
    }

    /// Two accounts submitted to a closed gate, and a worker holding both of them.
    static func twoJobsHeldBy(_ url: String, concurrency: Int, grace: Double) throws -> (GatedTarget, JobQueue, RunningCommand) {
        let target = try GatedTarget(accounts: ["a@example.com", "b@example.com"])
        let cli = Self.cli(url)
        #expect(try cli.run(target.submitArguments(batch: "b")).status == 0)
        let queue = try JobQueue.open(url: url, logger: Logger(label: "test"))
        let worker = try cli.start(["work", "--concurrency", "\(concurrency)", "--grace", "\(grace)"] + Self.fastLeases)
        #expect(try eventually { try Self.count(queue, "state = 'running'") == 2 })
        return (target, queue, worker)
    }

    static func cli(_ url: String) -> CommandRunner {
        CommandRunner(environment: [
            "DATABASE_URL": url, "CALIMPORT_LOG_LEVEL": "warning",
            "CALIMPORT_TARGET_USER": "lifecycle", "CALIMPORT_TARGET_PASSWORD": "lifecycle-password",
        ])
    }

    static func count(_ queue: JobQueue, _ condition: String) throws -> Int {
        try queue.connection.query("SELECT count(*) AS n FROM jobs WHERE \(condition)").first?.int("n") ?? 0
    }

    /// Seconds between the first worker's start and its last heartbeat.
    static func heartbeatsSinceStart(_ queue: JobQueue) throws -> Double {
        guard let worker = try queue.workers().first else { return 0 }
        return worker.lastHeartbeat.timeIntervalSince(worker.startedAt)
    }
}
