import Foundation
import JobQueue

/// The report's outcomes chart as inline SVG: one horizontal bar for the whole batch and, when
/// the batch has several domains, one per large domain (and one for the others), each cut into
/// succeeded, partial, failed, unfinished and cancelled accounts in proportion.
struct OutcomeChart {
    var totals: BatchTotals
    var domains: [DomainOutcome]
    var domainCount: Int

    private let width = 860.0, labelWidth = 200.0, countWidth = 90.0, rowHeight = 22.0, legendHeight = 24.0

    /// The parts of a bar: name, color, count.
    private static func segments(_ t: BatchTotals) -> [(String, String, Int)] {
        [("succeeded", "#2e7d32", t.succeeded), ("partial", "#ef6c00", t.partial), ("failed", "#c62828", t.failed),
         ("not finished", "#f9a825", t.unfinished), ("cancelled", "#9e9e9e", t.cancelled)]
    }

    func svg() -> String {
        guard totals.accounts > 0 else { return "<p class=\"muted\">The batch has no accounts.</p>" }
        var bars = [DomainOutcome(domain: "all accounts", totals: totals)]
        if domainCount > 1 {
            bars += domains.map { var bar = $0; bar.domain = bar.domain.isEmpty ? "(no domain)" : bar.domain; return bar }
            if domainCount > domains.count, let others = othersBar() { bars.append(others) }
        }
        let height = legendHeight + rowHeight * Double(bars.count) + 4
        var parts = [legend()]
        for (index, bar) in bars.enumerated() {
            parts.append(row(bar, y: legendHeight + rowHeight * Double(index)))
        }
        return "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Outcomes\" class=\"chart\">"
            + parts.joined() + "</svg>"
    }

    /// The accounts of the domains not shown one by one.
    private func othersBar() -> DomainOutcome? {
        var rest = totals
        for domain in domains {
            rest.accounts -= domain.totals.accounts
            rest.succeeded -= domain.totals.succeeded
            rest.partial -= domain.totals.partial
            rest.failed -= domain.totals.failed
            rest.pending -= domain.totals.pending
            rest.running -= domain.totals.running
            rest.cancelled -= domain.totals.cancelled
        }
        return rest.accounts > 0 ? DomainOutcome(domain: "\(domainCount - domains.count) other domains", totals: rest) : nil
    }

    private func row(_ bar: DomainOutcome, y: Double) -> String {
        let plot = width - labelWidth - countWidth
        var x = labelWidth
        var html = text(labelWidth - 6, y + 15, bar.domain, anchor: "end")
        for (name, color, count) in Self.segments(bar.totals) where count > 0 {
            let w = plot * Double(count) / Double(max(1, bar.totals.accounts))
            html += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\">", x, y + 3, w, rowHeight - 6, color)
                + "<title>\(HTMLReport.escape("\(bar.domain): \(count) \(name) of \(bar.totals.accounts)"))</title></rect>"
            x += w
        }
        return html + text(width - countWidth + 6, y + 15, "\(bar.totals.accounts)", anchor: "start")
    }

    private func legend() -> String {
        var x = labelWidth
        return Self.segments(BatchTotals())
            .map { name, color, _ in
                defer { x += 110 }
                return String(format: "<rect x=\"%.1f\" y=\"6\" width=\"12\" height=\"12\" fill=\"%@\"/>", x, color) + text(x + 16, 16, name, anchor: "start")
            }.joined()
    }

    private func text(_ x: Double, _ y: Double, _ content: String, anchor: String) -> String {
        String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%@\" fill=\"#333\" font-size=\"12\">", x, y, anchor)
            + HTMLReport.escape(content) + "</text>"
    }
}
