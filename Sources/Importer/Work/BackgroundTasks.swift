import Foundation
import JobQueue
import Logging

/// The background threads of a worker process, each its own loop: heartbeats (which extend
/// this process's leases and learn which held jobs an operator cancelled), the lease rescuer
/// (one pass per interval for the whole database, see ``LeaseRescuer``), queue-depth metrics
/// when asked for, and the notifier that wakes the claim loop when work is submitted (it blocks
/// in poll() on its socket; its timeout only bounds how long a stop takes). The notifier has a
/// connection of its own; the others share one.
final class BackgroundTasks: @unchecked Sendable {
    private let maintenanceQueue: JobQueue
    private let rescuer: LeaseRescuer
    private let notifier: JobNotifier
    private unowned let pool: WorkerPool
    private let logger: Logger
    private let heartbeatInterval: Duration
    private let leaseDuration: Duration
    private let stopped = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var isStopped = false
    private var threads = 0
    private let finished = DispatchGroup()
    /// Batches whose queue depth the last publication set (depth thread only).
    private var reportedBatches: Set<String> = []

    init(databaseURL: String, pool: WorkerPool, logger: Logger) throws {
        self.maintenanceQueue = try JobQueue.open(url: databaseURL, logger: logger)
        self.notifier = try JobNotifier(url: databaseURL, logger: logger)
        self.pool = pool
        self.logger = logger
        self.heartbeatInterval = pool.configuration.heartbeatInterval
        self.leaseDuration = pool.configuration.leaseDuration
        self.rescuer = LeaseRescuer(queue: maintenanceQueue, interval: heartbeatInterval)
    }

    func start() {
        spawn("calimport.heartbeat") { [self] in repeatEvery(heartbeatInterval, "worker.heartbeat.failed", heartbeat) }
        spawn("calimport.rescuer") { [self] in repeatEvery(heartbeatInterval, "queue.rescue.failed", rescue) }
        if pool.configuration.publishesQueueDepth {
            spawn("calimport.depth") { [self] in repeatEvery(heartbeatInterval, "queue.depth.failed", publishQueueDepth) }
        }
        spawn("calimport.listener") { [self] in listenLoop() }
    }

    func stop() {
        let waiting = lock.withLock {
            isStopped = true
            return threads
        }
        for _ in 0..<waiting { stopped.signal() }  // one for each thread that may be waiting on it
        finished.wait()
    }

    private var shouldStop: Bool { lock.withLock { isStopped } }

    private func spawn(_ name: String, _ body: @escaping @Sendable () -> Void) {
        lock.withLock { threads += 1 }
        finished.enter()
        let thread = Thread { [finished] in
            body()
            finished.leave()
        }
        thread.name = name
        thread.start()
    }

    /// Runs `body` every `interval` until stopped, logging its failures as `failure`.
    private func repeatEvery(_ interval: Duration, _ failure: Logger.Message, _ body: () throws -> Void) {
        while stopped.wait(timeout: .now() + interval.seconds) == .timedOut, !shouldStop {
            do {
                try body()
            } catch {
                logger.error(failure, metadata: ["error": "\(error)"])
            }
        }
    }

    private func heartbeat() throws {
        let held = pool.heldLeases
        let heartbeat = try maintenanceQueue.heartbeat(
            workerID: pool.workerID, leaseIDs: held.leaseIDs, progress: held.progress, leaseDuration: leaseDuration)
        pool.noteCancelRequests(heartbeat.cancelRequested)
    }

    private func rescue() throws {
        guard let rescued = try rescuer.rescueIfDue() else { return }
        WorkerMetrics.rescued(rescued)
        if rescued > 0 {
            logger.warning("queue.leases.rescued", metadata: ["jobs.rescued": "\(rescued)"])
            pool.wakeUp()
        }
    }

    /// Sets `calimport_queue_depth` for every batch with unfinished jobs, and to zero for the
    /// batches that had some at the last publication and have none now.
    private func publishQueueDepth() throws {
        let depths = try maintenanceQueue.unfinishedJobsByBatch()
        for batch in reportedBatches.subtracting(depths.map(\.batch)) {
            WorkerMetrics.queueDepth(batch: batch, state: JobState.pending.rawValue, jobs: 0)
            WorkerMetrics.queueDepth(batch: batch, state: JobState.running.rawValue, jobs: 0)
        }
        for depth in depths {
            WorkerMetrics.queueDepth(batch: depth.batch, state: JobState.pending.rawValue, jobs: depth.pending)
            WorkerMetrics.queueDepth(batch: depth.batch, state: JobState.running.rawValue, jobs: depth.running)
        }
        reportedBatches = Set(depths.map(\.batch))
    }

    /// Wakes the pool whenever the notifier says work may be there; when the database cannot
    /// be reached, tries again every second.
    private func listenLoop() {
        while !shouldStop {
            do {
                if try notifier.waitForWork(timeout: .milliseconds(500)) { pool.wakeUp() }
            } catch {
                logger.error("worker.listen.failed", metadata: ["error": "\(error)"])
                _ = stopped.wait(timeout: .now() + 1)
            }
        }
    }
}
