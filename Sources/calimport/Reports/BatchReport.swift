import Foundation
import JobQueue

/// Everything a report shows about one batch: what it was, its totals, its failures by class,
/// its throughput over time and every account.
struct BatchReport: Encodable {
    /// Sums over the batch's accounts.
    struct Totals: Encodable {
        var accounts = 0, pending = 0, running = 0, succeeded = 0, partial = 0, failed = 0, cancelled = 0
        var eventsInFile = 0, eventsKept = 0, imported = 0, skipped = 0, failedEvents = 0, bytes = 0

        init(_ jobs: [AccountJob]) {
            accounts = jobs.count
            for job in jobs {
                switch job.state {
                case .pending: pending += 1
                case .running: running += 1
                case .succeeded: succeeded += 1
                case .partial: partial += 1
                case .failed: failed += 1
                case .cancelled: cancelled += 1
                }
                eventsInFile += job.eventsInFile
                eventsKept += job.eventsKept
                imported += job.imported
                skipped += job.skipped
                failedEvents += job.failed
                bytes += job.bytes
            }
        }

        enum CodingKeys: String, CodingKey {
            case accounts, pending, running, succeeded, partial, failed, cancelled
            case eventsInFile = "events_in_file"
            case eventsKept = "events_kept"
            case imported, skipped
            case failedEvents = "failed_events"
            case bytes
        }
    }

    var batch: String
    var source: String
    var target: String
    var windowFrom: Date?
    var windowTo: Date?
    var generatedAt: Date
    var firstActivity: Date?
    var lastActivity: Date?
    var bucketSeconds: Int
    var totals: Totals
    var failureClasses: [FailureClassCount]
    var throughput: [ThroughputSample]
    var accounts: [AccountJob]

    /// Reads the report of `batch`; throws a usage error when there is no such batch.
    static func read(_ queue: JobQueue, batch name: String) throws -> BatchReport {
        guard let batch = try queue.batch(named: name) else {
            throw JobQueueError(code: .batchNotFound, message: "no batch named '\(name)'")
        }
        let span = try queue.activitySpan(batchName: name)
        let bucket = bucketSeconds(for: span)
        let accounts = try queue.accountJobs(AccountJobFilter(batch: name))
        return BatchReport(
            batch: name, source: batch.definition.source, target: batch.definition.target,
            windowFrom: batch.definition.windowFrom, windowTo: batch.definition.windowTo, generatedAt: Date(),
            firstActivity: span?.lowerBound, lastActivity: span?.upperBound, bucketSeconds: bucket,
            totals: Totals(accounts), failureClasses: try queue.failureClasses(batchName: name),
            throughput: try queue.throughput(batchName: name, bucketSeconds: bucket), accounts: accounts)
    }

    /// A round bucket length that cuts the batch's active time into at most 60 bars.
    static func bucketSeconds(for span: ClosedRange<Date>?) -> Int {
        let seconds = span.map { $0.upperBound.timeIntervalSince($0.lowerBound) } ?? 0
        return [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 86400]
            .first { Double($0) * 60 >= seconds } ?? 86400
    }

    /// Seconds between the first attempt's start and the last one's end.
    var activeSeconds: Double {
        guard let firstActivity, let lastActivity else { return 0 }
        return lastActivity.timeIntervalSince(firstActivity)
    }

    enum CodingKeys: String, CodingKey {
        case batch, source, target
        case windowFrom = "window_from"
        case windowTo = "window_to"
        case generatedAt = "generated_at"
        case firstActivity = "first_activity"
        case lastActivity = "last_activity"
        case bucketSeconds = "bucket_seconds"
        case totals
        case failureClasses = "failure_classes"
        case throughput, accounts
    }
}
