import ArgumentParser
import Foundation
import JobQueue

/// Writes a batch's report in a ``ReportFormat``, for `report` and `run`, from one snapshot of
/// the queue (``JobQueue/readSnapshot(_:)``). CSV and JSON stream every account from a cursor
/// as it comes (the first line is out before the database has read the last account; memory
/// stays bounded); HTML is built from aggregates (``BatchReport``).
enum ReportWriter {
    /// Writes the report of `batch` in `format` to `output`.
    static func write(_ queue: JobQueue, batch: String, format: ReportFormat, to output: ReportOutput) throws {
        try queue.readSnapshot {
            switch format {
            case .html:
                try output.write(HTMLReport.render(try BatchReport.read(queue, batch: batch)))
            case .csv:
                _ = try BatchReport.Header.read(queue, batch: batch)
                try output.write(CSVReport.headerLine)
                try output.flush()
                try queue.forEachAccountJob(batchName: batch) { try output.write(CSVReport.line($0)) }
                try output.write(CSVReport.totalLine(try queue.outcomes(batchName: batch, domainLimit: 0).totals))
            case .json:
                try writeJSON(queue, batch: batch, to: output)
            }
            try output.flush()
        }
    }

    /// The JSON report: one object, the header's fields, then `"accounts": [` one account per
    /// line `]`, then the summary's fields (read after the rows, in the same snapshot).
    private static func writeJSON(_ queue: JobQueue, batch: String, to output: ReportOutput) throws {
        let encoder = StableJSON.encoder
        let head = try StableJSON.line(BatchReport.Header.read(queue, batch: batch))
        try output.write(String(head.dropLast()) + ",\"accounts\":[")
        try output.flush()
        var first = true
        try queue.forEachAccountJob(batchName: batch) { job in
            try output.write((first ? "\n" : ",\n") + String(decoding: try encoder.encode(job), as: UTF8.self))
            first = false
        }
        let tail = try StableJSON.line(BatchReport.Summary.read(queue, batch: batch).summary)
        try output.write("\n]," + tail.dropFirst() + "\n")
    }

    /// Writes the report to `path` atomically (a temporary file next to it, renamed when
    /// complete); a failure to write is a usage error naming the path.
    static func write(_ queue: JobQueue, batch: String, format: ReportFormat, to path: String) throws {
        let temporary = path + ".partial-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CommandFailure.fail("cannot write the report to \(path): cannot create \(temporary)", code: CommandFailure.usage)
        }
        do {
            defer { try? handle.close() }
            try write(queue, batch: batch, format: format, to: ReportOutput(handle))
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw CommandFailure.fail("cannot write the report to \(path): \(reason)", code: CommandFailure.usage)
        }
    }
}
