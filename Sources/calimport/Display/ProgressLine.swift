import Foundation
import JobQueue

/// Formats progress: one line per batch with a bar, accounts done/total, events, pace, ETA
/// and failures; one line per live worker.
enum ProgressLine {
    /// The line of one batch; `bar` adds a progress bar of that many cells.
    static func batch(_ status: BatchStatus, _ rates: BatchRates, bar: Int?) -> String {
        let done = status.succeeded + status.partial + status.failed + status.cancelled
        let percent = status.total == 0 ? 100 : done * 100 / status.total
        let remaining = status.pending + status.running
        var parts = [status.batch + (status.paused ? " (paused)" : "")]
        if let bar { parts.append(Self.bar(done: done, total: status.total, width: bar)) }
        parts.append("\(done)/\(status.total) accounts (\(percent)%)")
        parts.append("\(status.eventsImported) events")
        parts.append(String(format: "%.1f acc/min %.1f ev/s", rates.accountsPerMinute, rates.eventsPerSecond))
        parts.append("ETA " + (remaining == 0 ? "done" : duration(rates.secondsRemaining(remaining))))
        parts.append("\(status.running) running, \(status.failed) failed" + (status.partial > 0 ? ", \(status.partial) partial" : ""))
        return parts.joined(separator: "  ")
    }

    /// The line of one worker process.
    static func worker(_ worker: WorkerActivity) -> String {
        "  worker \(worker.id): \(worker.running)/\(worker.slots) slots busy, heartbeat \(Int(worker.heartbeatAgeSeconds)) s ago"
    }

    /// The line of one running account: `ACCOUNT: pushing 2,819/4,778, running for 10m02s`,
    /// then its attempt and worker; `batch` adds the batch's name.
    static func running(_ job: RunningJob, batch: Bool) -> String {
        "\(batch ? job.batch + " " : "")\(job.account): \(phase(job.progress)), running for \(duration(job.elapsedSeconds)) "
            + "(attempt \(job.attempt), worker \(job.workerID))"
    }

    /// `pushing 2,819/4,778`, `filtering`, `verifying 40/40`; `starting` before the job's
    /// first heartbeat.
    static func phase(_ progress: LiveProgress?) -> String {
        guard let progress else { return "starting" }
        guard let total = progress.total, progress.phase == "pushing" || progress.phase == "verifying" else { return progress.phase }
        return "\(progress.phase) \(grouped(progress.done))/\(grouped(total))"
    }

    /// `4,778`: thousands separated by commas, whatever the locale.
    static func grouped(_ number: Int) -> String {
        var digits = String(number.magnitude)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(Substring(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(Substring(digits), at: 0)
        return (number < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    /// `[#####-----]`.
    static func bar(done: Int, total: Int, width: Int) -> String {
        let filled = total == 0 ? width : min(width, done * width / total)
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
    }

    /// `1h02m`, `3m05s`, `12s`; `--` when unknown.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, seconds >= 0 else { return "--" }
        let total = Int(seconds.rounded())
        if total >= 3600 { return String(format: "%dh%02dm", total / 3600, total % 3600 / 60) }
        if total >= 60 { return String(format: "%dm%02ds", total / 60, total % 60) }
        return "\(total)s"
    }
}
