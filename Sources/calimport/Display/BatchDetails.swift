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
            slowestRunning: full ? try queue.slowestRunningJobs(batchName: status.batch, limit: ProgressSnapshot.slowestShown) : [],
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

    /// The details as one line of ``StableJSON``.
    func jsonLine() throws -> String {
        try StableJSON.line(self)
    }

    func text() -> String {
        var lines = ["\(status.batch)\(status.paused ? " (paused)" : ""): \(status.total) accounts: "
            + "\(status.pending) pending, \(status.running) running, \(status.succeeded) succeeded, "
            + "\(status.partial) partial, \(status.failed) failed, \(status.cancelled) cancelled; \(status.eventsImported) events imported",
            "  pace: " + String(format: "%.1f accounts/min, %.1f events/s over the last minute", rates.accountsPerMinute, rates.eventsPerSecond)
                + "; ETA \(status.pending + status.running == 0 ? "done" : ProgressLine.duration(etaSeconds))"]
        if !slowestRunning.isEmpty {
            lines.append("  slowest running accounts:")
            lines += slowestRunning.map { "    " + ProgressLine.running($0, batch: false) }
        }
        if !failureClasses.isEmpty {
            lines.append("  failures by class:")
            lines += failureClasses.map { "    \($0.accounts) \($0.errorClass) \($0.errorCode), e.g. \($0.example)" }
        }
        lines += Self.accountLines("failed", status.failedAccounts, total: status.failed)
        lines += Self.accountLines("partial", status.partialAccounts, total: status.partial)
        return lines.joined(separator: "\n")
    }

    /// At most 20 lines `  STATE ACCOUNT: REASON`, the account named once (a reason that starts
    /// with the account, as the connectors' messages do, is not prefixed again), then how many
    /// more there are.
    static func accountLines(_ state: String, _ accounts: [BatchStatus.FailedAccount], total: Int) -> [String] {
        var lines = accounts.prefix(20).map { entry in
            var reason = Substring(entry.reason)
            while reason.hasPrefix(entry.account + ": ") { reason = reason.dropFirst(entry.account.count + 2) }
            return "  \(state) \(entry.account): \(reason)"
        }
        if total > lines.count { lines.append("  … and \(total - lines.count) more \(state) accounts (see jobs --state \(state))") }
        return lines
    }
}
