import ArgumentParser
import Foundation
import JobQueue

/// `calimport report`: every account plus totals as CSV or JSON (streamed), or a self-contained
/// HTML page built from the batch's aggregates.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a batch's report: every account with its counters and last error, plus totals.",
        discussion: """
            --format csv and json list every account (streamed: any batch size in bounded memory). --format html writes one \
            self-contained page for whoever signs the migration off: verdict, summary, charts (throughput, outcomes, per domain), \
            failures by class, and the failed and partial accounts (the first \(BatchReport.listLimit); the CSV lists them all).
            """)

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
            if let output {
                try ReportWriter.write(queue, batch: batch, format: format, to: output)
                FileHandle.standardError.write(Data("calimport: report of batch \(batch) written to \(output)\n".utf8))
            } else {
                try ReportWriter.write(queue, batch: batch, format: format, to: ReportOutput(FileHandle.standardOutput))
            }
        }
    }
}
