import Foundation
import JobQueue

/// The mutable state of a ``WorkerPool``, behind a lock.
final class PoolState: @unchecked Sendable {
    struct Values {
        var stopping = false
        var inFlight: [Int: ClaimedJob] = [:]
        var freeSlots: [Int] = []
    }

    private let lock = NSLock()
    private var values = Values()

    var freeSlots: [Int] {
        get { lock.withLock { values.freeSlots } }
        set { lock.withLock { values.freeSlots = newValue } }
    }

    func withLock<T>(_ body: (inout Values) throws -> T) rethrows -> T {
        try lock.withLock { try body(&values) }
    }
}
