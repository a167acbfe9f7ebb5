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
    private static func segments(_ outcome: DomainOutcome) -> [(String, String, Int)] {
        [("succeeded", "#2e7d32", outcome.succeeded), ("partial", "#ef6c00", outcome.partial), ("failed", "#c62828", outcome.failed),
         ("not finished", "#f9a825", outcome.unfinished), ("cancelled", "#9e9e9e", outcome.cancelled)]
    }

    func svg() -> String {
        guard totals.accounts > 0 else { return "<p class=\"muted\">The batch has no accounts.</p>" }
        var bars = [DomainOutcome(domain: "all accounts", accounts: totals.accounts, succeeded: totals.succeeded, partial: totals.partial,
                                  failed: totals.failed, unfinished: totals.unfinished, cancelled: totals.cancelled)]
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
        func rest(_ total: Int, _ value: KeyPath<DomainOutcome, Int>) -> Int { total - domains.reduce(0) { $0 + $1[keyPath: value] } }
        let accounts = rest(totals.accounts, \.accounts)
        guard accounts > 0 else { return nil }
        return DomainOutcome(domain: "\(domainCount - domains.count) other domains", accounts: accounts,
                             succeeded: rest(totals.succeeded, \.succeeded), partial: rest(totals.partial, \.partial),
                             failed: rest(totals.failed, \.failed), unfinished: rest(totals.unfinished, \.unfinished),
                             cancelled: rest(totals.cancelled, \.cancelled))
    }

    private func row(_ bar: DomainOutcome, y: Double) -> String {
        let plot = width - labelWidth - countWidth
        var x = labelWidth
        var html = text(labelWidth - 6, y + 15, bar.domain, anchor: "end")
        for (name, color, count) in Self.segments(bar) where count > 0 {
            let w = plot * Double(count) / Double(max(1, bar.accounts))
            html += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\">", x, y + 3, w, rowHeight - 6, color)
                + "<title>\(HTMLReport.escape("\(bar.domain): \(count) \(name) of \(bar.accounts)"))</title></rect>"
            x += w
        }
        return html + text(width - countWidth + 6, y + 15, "\(bar.accounts)", anchor: "start")
    }

    private func legend() -> String {
        var x = labelWidth
        return Self.segments(DomainOutcome(domain: "", accounts: 0, succeeded: 0, partial: 0, failed: 0, unfinished: 0, cancelled: 0))
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
