import Foundation

/// Runs blocking `body` on a thread of its own and awaits it, so a long test does not hold one
/// of Swift concurrency's few cooperative threads (2 on this machine) that in-process servers
/// of other tests need. Check its result with `#expect` afterwards, in the test's own task.
public func offCooperativePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}
