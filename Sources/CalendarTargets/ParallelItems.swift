import Dispatch
import Foundation

/// Runs a body over indices with at most `width` running at once, on Dispatch's pool; stops
/// starting new ones after the first error, which it rethrows.
enum ParallelItems {
    static func forEach(_ count: Int, width: Int, _ body: @Sendable (Int) throws -> Void) throws {
        let state = SharedState()
        DispatchQueue.concurrentPerform(iterations: max(1, min(width, count))) { _ in
            while let index = state.next(below: count) {
                do { try body(index) } catch { state.fail(error) }
            }
        }
        if let error = state.error { throw error }
    }

    private final class SharedState: @unchecked Sendable {
        private let lock = NSLock()
        private var cursor = 0
        private(set) var error: Error?

        func next(below count: Int) -> Int? {
            lock.withLock {
                guard error == nil, cursor < count else { return nil }
                defer { cursor += 1 }
                return cursor
            }
        }

        func fail(_ error: Error) {
            lock.withLock { if self.error == nil { self.error = error } }
        }
    }
}
