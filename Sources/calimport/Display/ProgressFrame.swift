import Foundation

/// What the live displays of `status --watch` and `run` show of one ``ProgressSnapshot``: on a
/// terminal a frame (a title line with the clock, one line per batch with a bar, the accounts
/// running longest with their phase and progress, the live workers); elsewhere one summary
/// line per batch.
struct ProgressFrame {
    /// The lines of the terminal frame.
    var lines: [String]
    /// One line per batch, without a bar.
    var summary: [String]

    /// The frame of `snapshot`, titled `title`, saying it is redrawn every `interval` seconds
    /// and what `hint` says (how to leave).
    init(_ snapshot: ProgressSnapshot, interval: Double, title: String, hint: String) {
        let clock = ISO8601DateFormatter().string(from: snapshot.taken)
        var lines = ["\(title)  \(clock)  (every \(String(format: "%g", interval)) s; \(hint))", ""]
        lines += snapshot.batches.map { ProgressLine.batch($0.status, $0.rates, bar: 24) }
        if snapshot.batches.isEmpty { lines.append("no batches") }
        if !snapshot.slowestRunning.isEmpty {
            lines += ["", "running longest:"]
            lines += snapshot.slowestRunning.map { "  " + ProgressLine.running($0, batch: snapshot.batches.count > 1) }
        }
        lines += ["", "live workers: \(snapshot.workers.count)"]
        lines += snapshot.workers.map(ProgressLine.worker)
        self.lines = lines
        summary = snapshot.batches.map { ProgressLine.batch($0.status, $0.rates, bar: nil) }
    }
}
