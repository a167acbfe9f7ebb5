import ArgumentParser
import Foundation
import JobQueue

/// `calimport report`: one row per account plus totals, as CSV, JSON or a self-contained HTML page.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a batch's report: every account with its counters and last error, plus totals.",
        discussion: "--format html writes one self-contained page (summary, throughput chart, failures by class, every account).")

    /// The report formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json, html
    }

    @Option(name: .long, help: "The batch.")
    var batch: String

    @Option(name: .long, help: "csv, json or html.")
    var format: Format = .html

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let logger = common.makeLogger("calimport.report")
        try CommandFailure.reporting {
            let queue = try common.openQueue(logger: logger)
            let report = try BatchReport.read(queue, batch: batch)
            let text = try Self.render(report, format: format)
            if let output {
                try Self.write(text, to: output)
                FileHandle.standardError.write(Data("calimport: report of batch \(batch) written to \(output)\n".utf8))
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }

    /// The report as text in `format`.
    static func render(_ report: BatchReport, format: Format) throws -> String {
        switch format {
        case .csv: return CSVReport.render(report)
        case .html: return HTMLReport.render(report)
        case .json:
            let encoder = AccountJob.jsonEncoder
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
        }
    }

    /// Writes `text` to `path` atomically; a failure is a usage error naming the path.
    static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure.fail("cannot write the report to \(path): \(error.localizedDescription)", code: ExitCode.validationFailure.rawValue)
        }
    }
}
