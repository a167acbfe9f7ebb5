import Foundation
import JobQueue
import Logging
import Postgres

/// A pool of Dispatch slots that claims jobs under leases, runs them with an
/// ``AccountImporter`` and records their outcomes.
///
/// One process holds three database connections whatever its slot count: one to claim and
/// record, one for heartbeats and lease rescue, one to LISTEN for new work. Slots hold no
/// connection while they read, parse or push.
public final class WorkerPool: @unchecked Sendable {
    /// Pool settings.
    public struct Configuration: Sendable {
        /// Dispatch slots, i.e. accounts imported at once. Default 16 (the work is network-bound).
        public var concurrency: Int = 16
        /// Lease length in seconds. Default 60.
        public var leaseDuration: Double = 60
        /// Seconds between heartbeats (lease extension and rescue of expired leases). Default 10.
        public var heartbeatInterval: Double = 10
        /// Longest wait between claims when no notification arrives, in seconds (±20% jitter). Default 2.
        public var pollInterval: Double = 2
        /// Exit once nothing is pending or running. Default false.
        public var untilIdle: Bool = false
        /// Seconds in-flight jobs may take to finish after a stop request; the rest are released. Default 30.
        public var gracePeriod: Double = 30
        public init() {}
    }

    let configuration: Configuration
    private let databaseURL: String
    private let importer: AccountImporter
    private let logger: Logger
    private let registration: WorkerRegistration
    private let state = PoolState()
    private let wake = DispatchSemaphore(value: 0)
    private let slotsDone = DispatchGroup()
    private let slotQueues: [DispatchQueue]

    public init(databaseURL: String, configuration: Configuration, importer: AccountImporter, logger: Logger) {
        self.databaseURL = databaseURL
        self.configuration = configuration
        self.importer = importer
        self.logger = logger
        self.registration = Self.makeRegistration(slots: configuration.concurrency)
        self.slotQueues = (0..<configuration.concurrency).map { DispatchQueue(label: "calimport.slot.\($0)") }
        state.freeSlots = Array((0..<configuration.concurrency).reversed())
    }

    /// This process's worker id.
    public var workerID: String { registration.id }

    /// Asks the pool to stop claiming; in-flight jobs finish within the grace period.
    public func stop() {
        state.withLock { $0.stopping = true }
        wake.signal()
    }

    /// Runs until stopped, or until idle with ``Configuration/untilIdle``. Throws when the
    /// database cannot be reached at start.
    public func run() throws {
        let queue = try JobQueue.open(url: databaseURL, logger: logger)
        try queue.register(registration)
        logger.info("worker.started", metadata: ["worker.id": "\(workerID)", "worker.slots": "\(configuration.concurrency)"])
        let background = try BackgroundTasks(databaseURL: databaseURL, pool: self, logger: logger)
        background.start()
        defer { background.stop() }
        var batches = BatchCache(queue: queue)
        while !state.withLock({ $0.stopping }) {
            let claimed = claimForFreeSlots(queue)
            for job in claimed {
                startJob(job, batch: try? batches.batch(job.batchID), queue: queue)
            }
            if claimed.isEmpty, configuration.untilIdle, state.withLock({ $0.inFlight.isEmpty }),
               (try? queue.hasUnfinishedJobs()) == false {
                logger.info("worker.idle", metadata: ["worker.id": "\(workerID)"])
                break
            }
            if claimed.isEmpty || state.withLock({ $0.freeSlots.isEmpty }) {
                _ = wake.wait(timeout: .now() + configuration.pollInterval * Double.random(in: 0.8...1.2))
            }
        }
        finishInFlight(queue)
        try? queue.deregister(workerID: workerID)
        logger.info("worker.stopped", metadata: ["worker.id": "\(workerID)"])
    }

    /// The leases of the jobs running in this process now.
    var leaseIDs: [String] { state.withLock { $0.inFlight.values.map(\.leaseID) } }

    /// Wakes the claim loop (a notification arrived).
    func wakeUp() { wake.signal() }

    private func claimForFreeSlots(_ queue: JobQueue) -> [ClaimedJob] {
        let free = state.withLock { $0.freeSlots.count }
        guard free > 0 else { return [] }
        do {
            return try queue.claim(limit: free, workerID: workerID, leaseDuration: configuration.leaseDuration)
        } catch {
            logger.error("worker.claim.failed", metadata: ["error": "\(error)"])
            return []
        }
    }

    private func startJob(_ job: ClaimedJob, batch: Batch?, queue: JobQueue) {
        let slot = state.withLock { state -> Int in
            state.inFlight[job.id] = job
            return state.freeSlots.removeLast()
        }
        var jobLogger = logger
        jobLogger[metadataKey: "job.id"] = "\(job.id)"
        jobLogger[metadataKey: "account"] = "\(job.account)"
        jobLogger[metadataKey: "batch.name"] = "\(batch?.definition.name ?? String(job.batchID))"
        slotQueues[slot].async(group: slotsDone) { [self, jobLogger] in
            let outcome: JobOutcome
            if let batch {
                outcome = importer.run(job, batch: batch, logger: jobLogger)
            } else {
                let failure = JobFailure(failureClass: .transient, code: "batch.lookup", message: "\(job.account): batch \(job.batchID) could not be read")
                outcome = JobOutcome(job: job, result: .failed(failure, retryDelay: 5), counters: JobCounters())
            }
            recordOutcome(outcome, queue: queue, logger: jobLogger)
            state.withLock { state in
                state.inFlight[job.id] = nil
                state.freeSlots.append(slot)
            }
            wake.signal()
        }
    }

    private func recordOutcome(_ outcome: JobOutcome, queue: JobQueue, logger: Logger) {
        switch outcome.result {
        case .succeeded:
            logger.info("job.succeeded", metadata: ["events.imported": "\(outcome.counters.imported)", "events.skipped": "\(outcome.counters.skipped)"])
        case let .failed(failure, delay):
            logger.warning("job.failed", metadata: [
                "error.class": "\(failure.failureClass.rawValue)", "error.code": "\(failure.code)",
                "http.status": "\(failure.httpStatus.map(String.init) ?? "-")", "retry.delay": "\(Int(delay))",
                "error.message": "\(failure.message)",
            ])
        }
        for attempt in 1...3 {
            do {
                if try queue.record([outcome], workerID: workerID) == 0 {
                    logger.warning("job.lease.lost")
                }
                return
            } catch {
                logger.error("job.record.failed", metadata: ["attempt": "\(attempt)", "error": "\(error)"])
                Thread.sleep(forTimeInterval: Double(attempt))
            }
        }
    }

    private func finishInFlight(_ queue: JobQueue) {
        if slotsDone.wait(timeout: .now() + configuration.gracePeriod) == .timedOut {
            let remaining = state.withLock { Array($0.inFlight.values) }
            let released = (try? queue.release(remaining)) ?? 0
            logger.warning("worker.grace.expired", metadata: ["jobs.released": "\(released)"])
        }
    }

    private static func makeRegistration(slots: Int) -> WorkerRegistration {
        let host = ProcessInfo.processInfo.hostName
        let pid = Int(ProcessInfo.processInfo.processIdentifier)
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        return WorkerRegistration(id: "\(host):\(pid):\(suffix)", host: host, pid: pid, slots: slots, version: CalimportVersion.current)
    }
}
