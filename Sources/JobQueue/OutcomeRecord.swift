import Foundation

/// The JSON row `JobQueue.record(_:workerID:)` sends per outcome (read by `jsonb_to_recordset`).
struct OutcomeRecord: Encodable {
    var id: Int
    var lease: String
    var succeeded: Bool
    var retryDelay: Double
    var startedAt: Double
    var finishedAt: Double
    var componentsInFile: Int
    var componentsKept: Int
    var imported: Int
    var skipped: Int
    var failed: Int
    var bytes: Int
    var errorClass: String?
    var errorCode: String?
    var httpStatus: Int?
    var message: String?
    var itemErrors: [ItemError]

    init(_ outcome: JobOutcome) {
        id = outcome.job.id
        lease = outcome.job.leaseID
        startedAt = outcome.job.claimedAt.timeIntervalSince1970
        finishedAt = outcome.finishedAt.timeIntervalSince1970
        componentsInFile = outcome.counters.componentsInFile
        componentsKept = outcome.counters.componentsKept
        imported = outcome.counters.imported
        skipped = outcome.counters.skipped
        failed = outcome.counters.failed
        bytes = outcome.counters.bytes
        itemErrors = outcome.itemErrors
        switch outcome.result {
        case .succeeded:
            succeeded = true
            retryDelay = 0
        case let .failed(failure, retryDelay):
            succeeded = false
            self.retryDelay = retryDelay
            errorClass = failure.failureClass.rawValue
            errorCode = failure.code
            httpStatus = failure.httpStatus
            message = failure.message
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, lease, succeeded
        case retryDelay = "retry_delay"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case componentsInFile = "components_in_file"
        case componentsKept = "components_kept"
        case imported, skipped, failed, bytes
        case errorClass = "error_class"
        case errorCode = "error_code"
        case httpStatus = "http_status"
        case message
        case itemErrors = "item_errors"
    }

    static func json(_ outcomes: [JobOutcome]) throws -> String {
        let data = try JSONEncoder().encode(outcomes.map(OutcomeRecord.init))
        return String(decoding: data, as: UTF8.self)
    }
}
