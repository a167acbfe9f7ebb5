import Foundation
import JobQueue

/// What the HTML report shows about one batch, all of it read from aggregates in the database
/// (never the batch's every row): what the batch is, its summary (totals, failures by class,
/// throughput, outcomes per domain), the failed and partial accounts up to ``listLimit`` and
/// the throughput of its largest domains. The CSV and JSON reports stream every account instead
/// (``ReportWriter``).
struct BatchReport {
    /// What the batch is: the head of the JSON report.
    struct Header: Encodable {
        var batch: String
        var source: String
        var target: String
        var windowFrom: Date?
        var windowTo: Date?
        var generatedAt: Date

        /// Reads the batch's definition; throws a usage error when there is no such batch.
        static func read(_ queue: JobQueue, batch name: String) throws -> Header {
            guard let batch = try queue.batch(named: name) else {
                throw JobQueueError(code: .batchNotFound, message: "no batch named '\(name)'")
            }
            return Header(batch: name, source: batch.definition.source, target: batch.definition.target,
                          windowFrom: batch.definition.windowFrom, windowTo: batch.definition.windowTo, generatedAt: Date())
        }

        enum CodingKeys: String, CodingKey {
            case batch, source, target
            case windowFrom = "window_from"
            case windowTo = "window_to"
            case generatedAt = "generated_at"
        }
    }

    /// The batch's aggregates: the tail of the JSON report.
    struct Summary: Encodable {
        var firstActivity: Date?
        var lastActivity: Date?
        var bucketSeconds: Int
        var totals: BatchTotals
        var failureClasses: [FailureClassCount]
        var throughput: [ThroughputSample]
        /// The largest domains' outcomes (at most ``domainLimit``).
        var domains: [DomainOutcome]
        /// Domains in the batch, shown or not.
        var domainCount: Int

        /// Domains shown one by one; the rest are summed as "other domains".
        static let domainLimit = 20

        /// Reads the summary of `batch`, with the throughput of the largest `chartedDomains` of
        /// its domains when it has several.
        static func read(_ queue: JobQueue, batch name: String, chartedDomains: Int = 0)
            throws -> (summary: Summary, domainThroughput: [String: [ThroughputSample]])
        {
            let span = try queue.activitySpan(batchName: name)
            let bucket = BatchReport.bucketSeconds(for: span)
            let outcomes = try queue.outcomes(batchName: name, domainLimit: domainLimit)
            let charted = outcomes.domainCount > 1 ? Array(outcomes.domains.prefix(chartedDomains).map(\.domain)) : []
            let throughput = try queue.throughput(batchName: name, bucketSeconds: bucket, domains: charted)
            let summary = Summary(
                firstActivity: span?.lowerBound, lastActivity: span?.upperBound, bucketSeconds: bucket,
                totals: outcomes.totals, failureClasses: try queue.failureClasses(batchName: name),
                throughput: throughput.batch, domains: outcomes.domains, domainCount: outcomes.domainCount)
            return (summary, throughput.byDomain)
        }

        /// Seconds between the first attempt's start and the last one's end.
        var activeSeconds: Double {
            guard let firstActivity, let lastActivity else { return 0 }
            return lastActivity.timeIntervalSince(firstActivity)
        }

        enum CodingKeys: String, CodingKey {
            case firstActivity = "first_activity"
            case lastActivity = "last_activity"
            case bucketSeconds = "bucket_seconds"
            case totals
            case failureClasses = "failure_classes"
            case throughput, domains
            case domainCount = "domain_count"
        }
    }

    var header: Header
    var summary: Summary
    /// Failed accounts, then partial ones, by account: at most ``listLimit``.
    var listed: [AccountJob]
    /// Throughput of each of the largest domains (at most ``chartedDomainLimit``), when the batch has several.
    var domainThroughput: [(domain: String, samples: [ThroughputSample])]

    /// Failed and partial accounts the page lists one by one; beyond, it says how many more
    /// and which command lists them all.
    static let listLimit = 5000
    /// Domains that get a throughput chart of their own.
    static let chartedDomainLimit = 6

    /// Reads the report of `batch`; throws a usage error when there is no such batch.
    static func read(_ queue: JobQueue, batch name: String) throws -> BatchReport {
        let header = try Header.read(queue, batch: name)
        let (summary, byDomain) = try Summary.read(queue, batch: name, chartedDomains: chartedDomainLimit)
        let domainThroughput = summary.domains.prefix(chartedDomainLimit).compactMap { outcome in
            byDomain[outcome.domain].map { (domain: outcome.domain, samples: $0) }
        }
        return BatchReport(header: header, summary: summary,
                           listed: try queue.failedAndPartialAccounts(batchName: name, limit: listLimit),
                           domainThroughput: domainThroughput)
    }

    /// A round bucket length that cuts the batch's active time into at most 60 bars.
    static func bucketSeconds(for span: ClosedRange<Date>?) -> Int {
        let seconds = span.map { $0.upperBound.timeIntervalSince($0.lowerBound) } ?? 0
        return [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 86400]
            .first { Double($0) * 60 >= seconds } ?? 86400
    }
}
