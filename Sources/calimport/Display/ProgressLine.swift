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
