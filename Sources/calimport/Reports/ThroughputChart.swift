import Foundation
import JobQueue

/// The report's chart as inline SVG: accounts finished per time bucket (bars: succeeded in
/// green, failed attempts in red on top), events imported per bucket as a line on its own scale.
struct ThroughputChart {
    var samples: [ThroughputSample]
    var bucketSeconds: Int

    private let width = 860.0, height = 260.0
    private let left = 56.0, right = 56.0, top = 16.0, bottom = 40.0

    func svg() -> String {
        guard !samples.isEmpty else {
            return "<p class=\"muted\">No attempt has finished yet, so there is no throughput to show.</p>"
        }
        let filled = buckets()
        let maxAccounts = max(1, filled.map { $0.succeeded + $0.failedAttempts }.max() ?? 1)
        let maxEvents = max(1, filled.map(\.events).max() ?? 1)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let slot = plotWidth / Double(filled.count)
        var parts: [String] = []
        parts.append(axes(maxAccounts: maxAccounts, maxEvents: maxEvents, plotWidth: plotWidth, plotHeight: plotHeight))
        var points: [String] = []
        for (index, sample) in filled.enumerated() {
            let x = left + Double(index) * slot
            let okHeight = plotHeight * Double(sample.succeeded) / Double(maxAccounts)
            let failHeight = plotHeight * Double(sample.failedAttempts) / Double(maxAccounts)
            let base = top + plotHeight
            let title = "\(HTMLReport.time(sample.start)): \(sample.succeeded) accounts succeeded, \(sample.failedAttempts) failed attempts, \(sample.events) events"
            parts.append(rect(x + slot * 0.1, base - okHeight, slot * 0.8, okHeight, "#2e7d32", title))
            if failHeight > 0 { parts.append(rect(x + slot * 0.1, base - okHeight - failHeight, slot * 0.8, failHeight, "#c62828", title)) }
            points.append(String(format: "%.1f,%.1f", x + slot / 2, base - plotHeight * Double(sample.events) / Double(maxEvents)))
        }
        parts.append("<polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>")
        parts.append(timeLabels(filled, slot: slot))
        return "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" "
            + "aria-label=\"Throughput over time\" class=\"chart\">" + parts.joined() + "</svg>"
    }

    /// The samples with empty buckets filled in, so that idle time shows as a gap.
    private func buckets() -> [ThroughputSample] {
        guard let first = samples.first?.start, let last = samples.last?.start else { return [] }
        let byStart = Dictionary(samples.map { (Int($0.start.timeIntervalSince1970), $0) }) { $1 }
        let count = min(400, Int(last.timeIntervalSince(first)) / bucketSeconds + 1)
        return (0..<count).map { index in
            let start = first.addingTimeInterval(Double(index * bucketSeconds))
            return byStart[Int(start.timeIntervalSince1970)] ?? ThroughputSample(start: start, succeeded: 0, failedAttempts: 0, events: 0)
        }
    }

    private func axes(maxAccounts: Int, maxEvents: Int, plotWidth: Double, plotHeight: Double) -> String {
        let base = top + plotHeight
        return "<line x1=\"\(left)\" y1=\"\(base)\" x2=\"\(left + plotWidth)\" y2=\"\(base)\" stroke=\"#999\"/>"
            + "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(base)\" stroke=\"#999\"/>"
            + text(left - 6, top + 10, "\(maxAccounts)", anchor: "end", color: "#2e7d32")
            + text(left - 6, base, "0", anchor: "end", color: "#2e7d32")
            + text(left + plotWidth + 6, top + 10, "\(maxEvents)", anchor: "start", color: "#1565c0")
            + text(left + plotWidth + 6, base, "0", anchor: "start", color: "#1565c0")
            + text(left, height - 4, "accounts per \(ProgressLine.duration(Double(bucketSeconds))) (bars)", anchor: "start", color: "#2e7d32")
            + text(left + plotWidth, height - 4, "events imported per \(ProgressLine.duration(Double(bucketSeconds))) (line)", anchor: "end", color: "#1565c0")
    }

    private func timeLabels(_ filled: [ThroughputSample], slot: Double) -> String {
        let step = max(1, filled.count / 6)
        return stride(from: 0, to: filled.count, by: step).map { index in
            text(left + Double(index) * slot + slot / 2, top + (height - top - bottom) + 16,
                 HTMLReport.clock(filled[index].start), anchor: "middle", color: "#555")
        }.joined()
    }

    private func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ color: String, _ title: String) -> String {
        String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\">", x, y, w, h, color)
            + "<title>\(HTMLReport.escape(title))</title></rect>"
    }

    private func text(_ x: Double, _ y: Double, _ content: String, anchor: String, color: String) -> String {
        String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%@\" fill=\"%@\" font-size=\"11\">", x, y, anchor, color)
            + HTMLReport.escape(content) + "</text>"
    }
}
