import CalendarTargets
import Foundation
import JobQueue
import Logging
import Postgres

/// A pool of Dispatch slots that claims jobs under leases, runs them with a ``JobRunner`` and
/// records their outcomes.
///
/// One process holds three database connections whatever its slot count: one to claim and
/// record, one for heartbeats and lease rescue, one to LISTEN for new work. Slots hold no
/// connection while they read, parse or push. Each turn of the claim loop records all the
/// outcomes finished since the last turn and claims for the slots they freed, in one statement.
public final class WorkerPool: @unchecked Sendable {
    /// Pool settings.
    public struct Configuration: Sendable {
        /// Dispatch slots, i.e. accounts imported at once. Default 16 (the work is network-bound).
        public var concurrency: Int = 16
        /// Lease length. Default 60 s.
        public var leaseDuration: Duration = .seconds(60)
        /// Time between heartbeats (lease extension), and between lease rescue passes over the
        /// whole database (whichever process's turn it is, see `LeaseRescuer`). Default 10 s.
        public var heartbeatInterval: Duration = .seconds(10)
        /// Longest wait between claims when no notification arrives (±20% jitter). Default 2 s.
        public var pollInterval: Duration = .seconds(2)
        /// Exit once nothing is pending or running. Default false.
        public var untilIdle: Bool = false
        /// With ``untilIdle``: time between looks while this process has nothing to do but
        /// jobs still run in other processes (they may end, or come back for a retry, at any
        /// moment), so a worker exits soon after the last job ends instead of up to a whole poll
        /// interval later. Default 0.25 s.
        public var idleRecheckInterval: Duration = .milliseconds(250)
        /// Time in-flight jobs may take to finish after a stop request; the rest are released. Default 30 s.
        public var gracePeriod: Duration = .seconds(30)
        /// Whether the process also publishes `calimport_queue_depth`, every heartbeat interval
        /// (one more query each). Default false.
        public var publishesQueueDepth: Bool = false
        public init() {}
    }

    let configuration: Configuration
    private let databaseURL: String
    private let runner: any JobRunner
    private let logger: Logger
    private let registration: WorkerRegistration
    private let state = PoolState()
    private let wake = DispatchSemaphore(value: 0)
    private let slotQueues: [DispatchQueue]

    public init(databaseURL: String, configuration: Configuration, runner: any JobRunner, logger: Logger) {
        self.databaseURL = databaseURL
        self.configuration = configuration
        self.runner = runner
        self.logger = logger
        self.registration = Self.makeRegistration(configuration)
        self.slotQueues = (0..<configuration.concurrency).map { DispatchQueue(label: "calimport.slot.\($0)") }
        state.withLock { $0.freeSlots = Array((0..<configuration.concurrency).reversed()) }
    }

    /// This process's worker id.
    public var workerID: String { registration.id }

    /// Asks the pool to stop claiming; in-flight jobs finish within the grace period.
    public func stop() {
        state.withLock { $0.stopping = true }
        wake.signal()
    }

    /// Whether an operator asked to cancel `jobID`, a job this process is running (as of the
    /// last heartbeat). Each job's runner gets it as its ``CancellationCheck``; the job then
    /// ends `cancelled`.
    public func isCancelled(_ jobID: Int) -> Bool {
        state.withLock { $0.cancelRequested.contains(jobID) }
    }

    /// Runs until stopped, or until idle with ``Configuration/untilIdle``. Throws when the
    /// database cannot be reached at start.
    public func run() throws {
        WorkerMetrics.register()
        let queue = try JobQueue.open(url: databaseURL, logger: logger)
        try queue.register(registration)
        logger.info("worker.started", metadata: ["worker.id": "\(workerID)", "worker.slots": "\(configuration.concurrency)"])
        let background = try BackgroundTasks(databaseURL: databaseURL, pool: self, logger: logger)
        background.start()
        defer { background.stop() }
        var batches = BatchCache(queue: queue)
        while !state.withLock({ $0.stopping }) {
            let turn = takeTurn(queue)
            let claimed = turn ?? []
            for job in claimed {
                startJob(job, batch: try? batches.batch(job.batchID))
            }
            var wait = configuration.pollInterval.seconds
            if claimed.isEmpty, configuration.untilIdle, state.withLock({ $0.isIdle }),
               let unfinished = try? queue.unfinishedWork() {
                if unfinished.isNone {
                    logger.info("worker.idle", metadata: ["worker.id": "\(workerID)"])
                    break
                }
                if unfinished.running { wait = min(wait, configuration.idleRecheckInterval.seconds) }
            }
            if claimed.isEmpty || state.withLock({ $0.freeSlots.isEmpty }) {
                // After a failed turn (typically a broken connection, re-established by the next
                // statement) try again within a second rather than a whole poll interval.
                let interval = turn == nil ? min(1, wait) : wait
                _ = wake.wait(timeout: .now() + interval * Double.random(in: 0.8...1.2))
            }
        }
        try? queue.markStopping(workerID: workerID)
        finishInFlight(queue)
        try? queue.deregister(workerID: workerID)
        // The process's peak resident set so far (getrusage: kilobytes on Linux), for memory checks.
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        logger.info("worker.stopped", metadata: ["worker.id": "\(workerID)", "process.peak_rss_kb": "\(usage.ru_maxrss)"])
    }

    /// The leases of the jobs this process holds now, and the progress of those running.
    var heldLeases: (leaseIDs: [String], progress: [JobProgress]) {
        state.withLock { ($0.leaseIDs, $0.progressReports) }
    }

    /// Wakes the claim loop (a notification arrived, or leases were rescued).
    func wakeUp() { wake.signal() }

    /// Remembers which of the running jobs an operator asked to cancel (from a heartbeat), and
    /// logs `job.cancel.requested` for each it learns of for the first time.
    func noteCancelRequests(_ jobIDs: Set<Int>) {
        let learned = state.withLock { state -> [ClaimedJob] in
            let running = jobIDs.filter { state.running[$0] != nil }
            let learned = running.subtracting(state.cancelRequested)
            state.cancelRequested = running
            return learned.compactMap { state.running[$0] }
        }
        for job in learned.sorted(by: { $0.id < $1.id }) {
            logger.info("job.cancel.requested", metadata: ["job.id": "\(job.id)", "account": "\(job.account)"])
        }
    }

    /// One turn of the claim loop: records the outcomes finished since the last turn and claims
    /// for the free slots, in one statement. When that fails, the outcomes are recorded one by
    /// one (see ``recordOneByOne(_:queue:)``), nothing is claimed until the next turn, and nil
    /// is returned.
    private func takeTurn(_ queue: JobQueue) -> [ClaimedJob]? {
        let (outcomes, free) = state.withLock { ($0.completed, $0.freeSlots.count) }
        guard !outcomes.isEmpty || free > 0 else { return [] }
        do {
            let turn = try queue.recordAndClaim(outcomes, limit: free, workerID: workerID, leaseDuration: configuration.leaseDuration)
            noteRecorded(outcomes, recorded: turn.recorded)
            WorkerMetrics.claimed(turn.claimed.count)
            return turn.claimed
        } catch {
            logger.error("worker.claim.failed", metadata: ["jobs.to.record": "\(outcomes.count)", "error": "\(error)"])
            if !outcomes.isEmpty { recordOneByOne(outcomes, queue: queue) }
            return nil
        }
    }

    private func startJob(_ job: ClaimedJob, batch: Batch?) {
        let progress = ImportProgress()
        let slot = state.withLock { state -> Int in
            state.running[job.id] = job
            state.progress[job.id] = progress
            return state.freeSlots.removeLast()
        }
        var jobLogger = logger
        // One change of the handler's metadata, not three (a handler may re-render it on each).
        jobLogger.handler.metadata.merge([
            "job.id": "\(job.id)", "account": "\(job.account)",
            "batch.name": "\(batch?.definition.name ?? String(job.batchID))",
        ]) { _, new in new }
        let cancellation = CancellationCheck { [self] in isCancelled(job.id) }
        slotQueues[slot].async { [self, jobLogger] in
            let outcome: JobOutcome
            if let batch {
                outcome = runner.run(job, batch: batch, cancellation: cancellation, progress: progress, logger: jobLogger)
            } else {
                let failure = JobFailure(failureClass: .transient, code: "batch.lookup", message: "\(job.account): batch \(job.batchID) could not be read")
                outcome = JobOutcome(job: job, result: .failed(failure, retryDelay: .seconds(5)), counters: JobCounters())
            }
            Self.log(outcome, cancelled: isCancelled(job.id), logger: jobLogger)
            WorkerMetrics.finished(outcome)
            state.withLock { state in
                state.running[job.id] = nil
                state.progress[job.id] = nil
                state.cancelRequested.remove(job.id)
                state.completed.append(outcome)
                state.freeSlots.append(slot)
            }
            wake.signal()
        }
    }

    /// Records every outcome finished since the last call in one fenced statement (the claim
    /// loop's turns do this together with the claim; this serves the grace period, when nothing
    /// is claimed). When that fails, they are recorded one by one.
    private func recordCompleted(_ queue: JobQueue) {
        let outcomes = state.withLock { $0.completed }
        guard !outcomes.isEmpty else { return }
        do {
            noteRecorded(outcomes, recorded: try queue.record(outcomes, workerID: workerID))
        } catch {
            logger.error("job.record.failed", metadata: ["jobs": "\(outcomes.count)", "error": "\(error)"])
            recordOneByOne(outcomes, queue: queue)
        }
    }

    /// Forgets outcomes that were recorded; those whose lease was gone took no effect (another
    /// worker rescued the job), which is logged.
    private func noteRecorded(_ outcomes: [JobOutcome], recorded: Int) {
        guard !outcomes.isEmpty else { return }
        if recorded < outcomes.count {
            logger.warning("job.lease.lost", metadata: ["jobs.lost": "\(outcomes.count - recorded)"])
        }
        forget(outcomes)
    }

    /// Records outcomes one at a time, so that one the database refuses cannot hold back the
    /// others: a refused one is dropped from this process (its lease expires and another worker
    /// retries the job); when the connection is down they all stay for the next turn.
    private func recordOneByOne(_ outcomes: [JobOutcome], queue: JobQueue) {
        for outcome in outcomes {
            do {
                try queue.record([outcome], workerID: workerID)
                forget([outcome])
            } catch let error as PostgresError where error.code == .queryFailed {
                logger.error("job.record.dropped", metadata: ["job.id": "\(outcome.job.id)", "error": "\(error)"])
                forget([outcome])
            } catch {
                return  // the connection is down: keep them all for the next turn
            }
        }
    }

    private func forget(_ outcomes: [JobOutcome]) {
        let ids = Set(outcomes.map(\.job.id))
        state.withLock { state in
            state.completed.removeAll { ids.contains($0.job.id) }
        }
    }

    /// After a stop request: records outcomes as jobs finish, for at most the grace period,
    /// then releases the jobs still running back to `pending` without counting the attempt.
    private func finishInFlight(_ queue: JobQueue) {
        let deadline = Date().addingTimeInterval(configuration.gracePeriod.seconds)
        while true {
            recordCompleted(queue)
            let (running, idle) = state.withLock { (Array($0.running.values), $0.isIdle) }
            if idle { break }
            if Date() >= deadline {
                let released = (try? queue.release(running)) ?? 0
                logger.warning("worker.grace.expired", metadata: ["jobs.released": "\(released)"])
                break
            }
            _ = wake.wait(timeout: .now() + min(0.5, deadline.timeIntervalSinceNow))
        }
    }

    /// Logs how the job ended; `cancelled`: an operator cancelled it, so a failure is recorded
    /// as `cancelled`.
    private static func log(_ outcome: JobOutcome, cancelled: Bool, logger: Logger) {
        switch outcome.result {
        case .succeeded:
            logger.info("job.succeeded", metadata: ["events.imported": "\(outcome.counters.imported)", "events.skipped": "\(outcome.counters.skipped)"])
        case let .failed(failure, _) where cancelled:
            logger.info("job.cancelled", metadata: [
                "events.imported": "\(outcome.counters.imported)", "events.skipped": "\(outcome.counters.skipped)",
                "error.code": "\(failure.code)",
            ])
        case let .failed(failure, delay):
            var metadata: Logger.Metadata = [
                "error.class": "\(failure.failureClass.rawValue)", "error.code": "\(failure.code)",
                "http.status": "\(failure.httpStatus.map(String.init) ?? "-")", "error.message": "\(failure.message)",
            ]
            // Only a transient failure goes back to the queue; a permanent one has no retry to wait for.
            if failure.failureClass == .transient { metadata["retry.delay"] = "\(Int(delay.seconds))" }
            logger.warning("job.failed", metadata: metadata)
        }
    }

    private static func makeRegistration(_ configuration: Configuration) -> WorkerRegistration {
        let host = ProcessInfo.processInfo.hostName
        let pid = Int(ProcessInfo.processInfo.processIdentifier)
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        return WorkerRegistration(
            id: "\(host):\(pid):\(suffix)", host: host, pid: pid, slots: configuration.concurrency,
            version: CalimportVersion.current, leaseDuration: configuration.leaseDuration,
            heartbeatInterval: configuration.heartbeatInterval)
    }
}
