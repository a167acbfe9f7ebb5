import Foundation

/// Adds up the per-account summaries of a parallel `write(to:)` and keeps its first error.
final class TenantTally: @unchecked Sendable {
    private let lock = NSLock()
    private var summary = TenantSummary(accounts: 0, components: 0, uids: 0, bytes: 0)
    private var firstError: (any Error)?

    var hasFailed: Bool {
        lock.withLock { firstError != nil }
    }

    func add(_ calendar: CalendarSummary) {
        lock.withLock {
            summary.components += calendar.components
            summary.uids += calendar.uids
            summary.bytes += calendar.bytes
        }
    }

    func fail(_ error: any Error) {
        lock.withLock {
            if firstError == nil { firstError = error }
        }
    }

    func result(accounts: Int) throws -> TenantSummary {
        try lock.withLock {
            if let firstError { throw firstError }
            var result = summary
            result.accounts = accounts
            return result
        }
    }
}
