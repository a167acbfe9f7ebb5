import Foundation
import JobQueue

/// What `status` prints for one batch: its counts and failed accounts, pace and ETA, and for a
/// single batch the slowest running accounts and the failures by class.
struct BatchDetails: Encodable {
    var status: BatchStatus
    var rates: BatchRates
    var slowestRunning: [RunningJob]
    var failureClasses: [FailureClassCount]

    /// Reads the details of `status`'s batch; `full` adds the slowest running accounts.
    static func read(_ queue: JobQueue, status: BatchStatus, rates: BatchRates, full: Bool) throws -> BatchDetails {
        BatchDetails(
            status: status, rates: rates,
            slowestRunning: full ? try queue.slowestRunningJobs(batchName: status.batch, limit: 5) : [],
            failureClasses: status.failed > 0 ? try queue.failureClasses(batchName: status.batch) : [])
    }

    var etaSeconds: Double? {
        let remaining = status.pending + status.running
        return remaining == 0 ? 0 : rates.secondsRemaining(remaining)
    }

    enum ExtraKeys: String, CodingKey {
        case accountsPerMinute = "accounts_per_minute"
        case eventsPerSecond = "events_per_second"
        case etaSeconds = "eta_seconds"
        case slowestRunning = "slowest_running"
        case failureClasses = "failure_classes"
    }

    /// The batch's status fields, then the extra ones (one JSON object).
    func encode(to encoder: Encoder) throws {
        try status.encode(to: encoder)
        var container = encoder.container(keyedBy: ExtraKeys.self)
        try container.encode((rates.accountsPerMinute * 10).rounded() / 10, forKey: .accountsPerMinute)
        try container.encode((rates.eventsPerSecond * 10).rounded() / 10, forKey: .eventsPerSecond)
        try container.encode(etaSeconds.map { $0.rounded() }, forKey: .etaSeconds)
        try container.encode(slowestRunning, forKey: .slowestRunning)
        try container.encode(failureClasses, forKey: .failureClasses)
    }

    func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    func text() -> String {
        var lines = ["\(status.batch)\(status.paused ? " (paused)" : ""): \(status.total) accounts: "
            + "\(status.pending) pending, \(status.running) running, \(status.succeeded) succeeded, "
            + "\(status.failed) failed, \(status.cancelled) cancelled; \(status.eventsImported) events imported",
            "  pace: " + String(format: "%.1f accounts/min, %.1f events/s over the last minute", rates.accountsPerMinute, rates.eventsPerSecond)
                + "; ETA \(status.pending + status.running == 0 ? "done" : ProgressLine.duration(etaSeconds))"]
        if !slowestRunning.isEmpty {
            lines.append("  slowest running accounts:")
            lines += slowestRunning.map {
                "    \($0.account): running for \(ProgressLine.duration($0.elapsedSeconds)) (attempt \($0.attempt), worker \($0.workerID))"
            }
        }
        if !failureClasses.isEmpty {
            lines.append("  failures by class:")
            lines += failureClasses.map { "    \($0.accounts) \($0.errorClass) \($0.errorCode), e.g. \($0.example)" }
        }
        for failure in status.failedAccounts.prefix(20) {
            lines.append("  failed \(failure.account): \(failure.reason)")
        }
        if status.failedAccounts.count > 20 {
            lines.append("  … and \(status.failedAccounts.count - 20) more failed accounts (see jobs --state failed)")
        }
        return lines.joined(separator: "\n")
    }
}
