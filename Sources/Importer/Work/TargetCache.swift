import CalendarTargets
import Foundation
import JobQueue

/// The connector of each batch, built once per process and shared by all slots.
final class TargetCache: @unchecked Sendable {
    private let lock = NSLock()
    private var targets: [Int: any CalendarTarget] = [:]

    func target(for batch: Batch, make: () throws -> any CalendarTarget) throws -> any CalendarTarget {
        try lock.withLock {
            if let target = targets[batch.id] { return target }
            let target = try make()
            targets[batch.id] = target
            return target
        }
    }

    /// Every connector built so far.
    func all() -> [any CalendarTarget] {
        lock.withLock { Array(targets.values) }
    }
}
