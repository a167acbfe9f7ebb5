import Foundation
import JobQueue
import Logging

/// The two background threads of a worker process: heartbeats with lease rescue (which also
/// learn which held jobs an operator cancelled), and the LISTEN connection that wakes the claim
/// loop when work is submitted: it blocks in poll() on the socket, so a notification wakes the
/// pool at once; its timeout only bounds how long a stop takes. Each has its own connection.
final class BackgroundTasks: @unchecked Sendable {
    private let heartbeatQueue: JobQueue
    private let listenerQueue: JobQueue
    private unowned let pool: WorkerPool
    private let logger: Logger
    private let heartbeatInterval: Double
    private let leaseDuration: Double
    private let stopped = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var isStopped = false
    private let finished = DispatchGroup()
    /// Batches whose queue depth the last heartbeat published (heartbeat thread only).
    private var reportedBatches: Set<String> = []

    init(databaseURL: String, pool: WorkerPool, logger: Logger) throws {
        self.heartbeatQueue = try JobQueue.open(url: databaseURL, logger: logger)
        self.listenerQueue = try JobQueue.open(url: databaseURL, logger: logger)
        try listenerQueue.connection.listen(JobQueue.notificationChannel)
        self.pool = pool
        self.logger = logger
        self.heartbeatInterval = pool.configuration.heartbeatInterval
        self.leaseDuration = pool.configuration.leaseDuration
    }

    func start() {
        spawn("calimport.heartbeat") { [self] in heartbeatLoop() }
        spawn("calimport.listener") { [self] in listenLoop() }
    }

    func stop() {
        lock.withLock { isStopped = true }
        stopped.signal()  // one for each thread that may be waiting on it
        stopped.signal()
        finished.wait()
    }

    private var shouldStop: Bool { lock.withLock { isStopped } }

    private func spawn(_ name: String, _ body: @escaping @Sendable () -> Void) {
        finished.enter()
        let thread = Thread { [finished] in
            body()
            finished.leave()
        }
        thread.name = name
        thread.start()
    }

    private func heartbeatLoop() {
        while stopped.wait(timeout: .now() + heartbeatInterval) == .timedOut, !shouldStop {
            do {
                let heartbeat = try heartbeatQueue.heartbeat(workerID: pool.workerID, leaseIDs: pool.leaseIDs, leaseDuration: leaseDuration)
                pool.noteCancelRequests(heartbeat.cancelRequested)
                let rescued = try heartbeatQueue.rescueExpiredLeases()
                WorkerMetrics.rescued(rescued)
                if pool.configuration.publishesQueueDepth { try publishQueueDepth() }
                if rescued > 0 {
                    logger.warning("queue.leases.rescued", metadata: ["jobs.rescued": "\(rescued)"])
                    pool.wakeUp()
                }
            } catch {
                logger.error("worker.heartbeat.failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Sets `calimport_queue_depth` for every batch with unfinished jobs, and to zero for the
    /// batches that had some at the last heartbeat and have none now.
    private func publishQueueDepth() throws {
        let depths = try heartbeatQueue.unfinishedJobsByBatch()
        for batch in reportedBatches.subtracting(depths.map(\.batch)) {
            WorkerMetrics.queueDepth(batch: batch, state: "pending", jobs: 0)
            WorkerMetrics.queueDepth(batch: batch, state: "running", jobs: 0)
        }
        for depth in depths {
            WorkerMetrics.queueDepth(batch: depth.batch, state: "pending", jobs: depth.pending)
            WorkerMetrics.queueDepth(batch: depth.batch, state: "running", jobs: depth.running)
        }
        reportedBatches = Set(depths.map(\.batch))
    }

    /// Waits for notifications; when the connection broke, re-establishes it (every second
    /// until the server answers), LISTENs again and wakes the pool, since a notification may
    /// have been missed meanwhile.
    private func listenLoop() {
        while !shouldStop {
            do {
                if try listenerQueue.connection.reconnectIfBroken() {
                    try listenerQueue.connection.listen(JobQueue.notificationChannel)
                    logger.warning("worker.listen.reconnected")
                    pool.wakeUp()
                }
                if try !listenerQueue.connection.waitForNotifications(timeout: 0.5).isEmpty {
                    pool.wakeUp()
                }
            } catch {
                logger.error("worker.listen.failed", metadata: ["error": "\(error)"])
                _ = stopped.wait(timeout: .now() + 1)
            }
        }
    }
}
