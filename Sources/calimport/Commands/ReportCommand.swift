import ArgumentParser
import Foundation
import JobQueue

/// `calimport report`: one row per account plus totals, as CSV, JSON or a self-contained HTML page.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a batch's report: every account with its counters and last error, plus totals.",
        discussion: "--format html writes one self-contained page (summary, throughput chart, failures by class, every account).")

    @Option(name: .long, help: "The batch.")
    var batch: String

    @Option(name: .long, help: "csv, json or html.")
    var format: ReportFormat = .html

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let logger = common.makeLogger("calimport.report")
        try CommandFailure.reporting {
            let queue = try common.openQueue(logger: logger)
            let report = try BatchReport.read(queue, batch: batch)
            if let output {
                try ReportWriter.write(report, format: format, to: output)
                FileHandle.standardError.write(Data("calimport: report of batch \(batch) written to \(output)\n".utf8))
            } else {
                FileHandle.standardOutput.write(Data(try ReportWriter.text(report, format: format).utf8))
            }
        }
    }
}
