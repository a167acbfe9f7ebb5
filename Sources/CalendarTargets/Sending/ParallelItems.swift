import Dispatch
import Foundation

/// Runs a body over indices with at most `width` running at once; stops starting new ones after
/// the first error, which it rethrows, or once `cancellation` answers true (asked before each
/// index; the bodies already running finish).
///
/// The bodies block on network I/O, so they run on threads of their own — the caller's and
/// `width - 1` started for the call — never on Dispatch's pool, which is sized for CPU work
/// (`concurrentPerform` ran two PUTs at once on a 2-core machine with `parallel=4`) and whose
/// threads a blocked PUT would hold.
enum ParallelItems {
    /// Returns false when it stopped for cancellation before running every index.
    static func forEach(
        _ count: Int, width: Int, cancellation: CancellationCheck, _ body: @escaping @Sendable (Int) throws -> Void
    ) throws -> Bool {
        let state = SharedState()
        let lanes = max(1, min(width, count))
        let lane: @Sendable () -> Void = {
            while let index = state.next(below: count, cancellation: cancellation) {
                do { try body(index) } catch { state.fail(error) }
            }
        }
        let finished = DispatchGroup()
        for _ in 1..<lanes {
            finished.enter()
            let thread = Thread {
                lane()
                finished.leave()
            }
            thread.name = "calimport.parallel-items"
            thread.start()
        }
        lane()
        finished.wait()
        if let error = state.error { throw error }
        return !state.cancelled
    }

    private final class SharedState: @unchecked Sendable {
        private let lock = NSLock()
        private var cursor = 0
        private(set) var error: Error?
        private(set) var cancelled = false

        func next(below count: Int, cancellation: CancellationCheck) -> Int? {
            lock.withLock {
                guard error == nil, !cancelled, cursor < count else { return nil }
                if cancellation.isCancelled {
                    cancelled = true
                    return nil
                }
                defer { cursor += 1 }
                return cursor
            }
        }

        func fail(_ error: Error) {
            lock.withLock { if self.error == nil { self.error = error } }
        }
    }
}
