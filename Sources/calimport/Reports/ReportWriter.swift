import ArgumentParser
import Foundation
import JobQueue

/// Turns a ``BatchReport`` into the text of a ``ReportFormat`` and writes it to a file, for
/// `report` and `run`.
enum ReportWriter {
    /// The report as text in `format`.
    static func text(_ report: BatchReport, format: ReportFormat) throws -> String {
        switch format {
        case .csv: return CSVReport.render(report)
        case .html: return HTMLReport.render(report)
        case .json:
            let encoder = StableJSON.encoder
            encoder.outputFormatting.insert(.prettyPrinted)
            return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
        }
    }

    /// Writes the report in `format` to `path` atomically; a failure to write is a usage error
    /// naming the path.
    static func write(_ report: BatchReport, format: ReportFormat, to path: String) throws {
        let text = try text(report, format: format)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure.fail("cannot write the report to \(path): \(error.localizedDescription)", code: CommandFailure.usage)
        }
    }
}
