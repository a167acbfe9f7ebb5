import Foundation
import JobQueue

/// The ``PreparedBatch`` of every batch a worker process has seen, built once and shared by
/// all its slots. A batch whose preparation failed is not remembered: its next job tries
/// again (missing credentials may have been fixed meanwhile).
final class PreparedBatches: @unchecked Sendable {
    private let lock = NSLock()
    private var prepared: [Int: PreparedBatch] = [:]

    /// The prepared `batch`, made with `make` the first time; slots asking meanwhile wait
    /// for it rather than build their own.
    func prepared(_ batch: Batch, make: () throws -> PreparedBatch) throws -> (batch: PreparedBatch, isNew: Bool) {
        try lock.withLock {
            if let existing = prepared[batch.id] { return (existing, false) }
            let made = try make()
            prepared[batch.id] = made
            return (made, true)
        }
    }

    /// Every batch prepared so far.
    func all() -> [PreparedBatch] {
        lock.withLock { Array(prepared.values) }
    }
}
