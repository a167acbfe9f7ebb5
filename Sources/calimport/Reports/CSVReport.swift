import Foundation
import JobQueue

/// A batch report as CSV: a header, one row per account, then a `TOTAL` row; written line by
/// line as the rows stream from the database (``ReportWriter``).
enum CSVReport {
    static let header = [
        "source_account", "target_account", "state", "attempts", "events_in_file", "events_kept", "imported",
        "skipped", "failed", "bytes", "duration_ms", "error_class", "error_code", "http_status", "last_error",
    ]

    /// The header line, with its line end.
    static var headerLine: String { header.joined(separator: ",") + "\r\n" }

    /// One account's line, with its line end.
    static func line(_ job: AccountJob) -> String {
        row([
            job.account, job.targetAccount, job.state.rawValue, "\(job.attempts)", "\(job.eventsInFile)", "\(job.eventsKept)",
            "\(job.imported)", "\(job.skipped)", "\(job.failed)", "\(job.bytes)", "\(job.durationMs)",
            job.errorClass ?? "", job.errorCode ?? "", job.httpStatus.map(String.init) ?? "", job.lastError ?? "",
        ]) + "\r\n"
    }

    /// The final `TOTAL` line, with its line end.
    static func totalLine(_ t: BatchTotals) -> String {
        row([
            "TOTAL", "", "\(t.succeeded) succeeded / \(t.partial) partial / \(t.failed) failed / \(t.accounts) accounts", "", "\(t.eventsInFile)",
            "\(t.eventsKept)", "\(t.imported)", "\(t.skipped)", "\(t.failedEvents)", "\(t.bytes)", "", "", "", "", "",
        ]) + "\r\n"
    }

    /// One CSV row: fields quoted when needed; text that a spreadsheet would run as a formula
    /// (`=`, `+`, `-`, `@` first) is prefixed with `'`.
    static func row(_ fields: [String]) -> String {
        fields.map { field -> String in
            var value = field
            if let first = value.first, "=+-@".contains(first), Int(value) == nil { value = "'" + value }
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }
}
