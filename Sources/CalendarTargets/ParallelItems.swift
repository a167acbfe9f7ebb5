import Dispatch
import Foundation

/// Runs a body over indices with at most `width` running at once, on Dispatch's pool; stops
/// starting new ones after the first error, which it rethrows, or once `cancellation` answers
/// true (asked before each index; the bodies already running finish).
enum ParallelItems {
    /// Returns false when it stopped for cancellation before running every index.
    static func forEach(
        _ count: Int, width: Int, cancellation: CancellationCheck, _ body: @Sendable (Int) throws -> Void
    ) throws -> Bool {
        let state = SharedState()
        DispatchQueue.concurrentPerform(iterations: max(1, min(width, count))) { _ in
            while let index = state.next(below: count, cancellation: cancellation) {
                do { try body(index) } catch { state.fail(error) }
            }
        }
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
