import Foundation
import Importer

/// Runs a ``WorkerPool`` on its own thread so that the calling thread can show progress.
final class PoolRunner: @unchecked Sendable {
    private let pool: WorkerPool
    private let exited = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var error: Error?
    private var interrupted = false
    private var done = false

    init(_ pool: WorkerPool) {
        self.pool = pool
        let thread = Thread { [self] in
            do { try pool.run() } catch { lock.withLock { self.error = error } }
            lock.withLock { done = true }
            exited.signal()
        }
        thread.start()
    }

    /// Asks the pool to stop (first Ctrl-C): in-flight jobs finish, nothing new is claimed.
    func interrupt() {
        lock.withLock { interrupted = true }
        pool.stop()
    }

    /// Waits up to `timeout` seconds; returns whether the pool has exited.
    func waitForExit(timeout: Double) -> Bool {
        if lock.withLock({ done }) { return true }
        guard exited.wait(timeout: .now() + timeout) == .success else { return false }
        exited.signal()
        return true
    }

    var wasInterrupted: Bool { lock.withLock { interrupted } }

    /// Throws the error the pool stopped with, if any.
    func rethrow() throws {
        if let error = lock.withLock({ error }) { throw error }
    }
}
