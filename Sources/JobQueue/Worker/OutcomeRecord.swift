import Foundation
import ICalendar

/// The JSON row `JobQueue.record(_:workerID:)` sends per outcome (read by `jsonb_to_recordset`;
/// the keys are the column names of the record statement's `input`).
struct OutcomeRecord {
    var id: Int
    var lease: String
    var succeeded: Bool
    var retryDelay: Duration
    var startedAt: Double
    var finishedAt: Double
    var componentsInFile: Int
    var componentsKept: Int
    var imported: Int
    var skipped: Int
    var failed: Int
    var bytes: Int
    var derivedUIDs: Int
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
        derivedUIDs = outcome.counters.derivedUIDs
        itemErrors = outcome.itemErrors
        switch outcome.result {
        case .succeeded:
            succeeded = true
            retryDelay = .zero
        case let .failed(failure, retryDelay):
            succeeded = false
            self.retryDelay = retryDelay
            errorClass = failure.failureClass.rawValue
            errorCode = failure.code
            httpStatus = failure.httpStatus
            message = failure.message
        }
    }

    /// This outcome as one JSON object.
    var json: String {
        var object = JSONObjectText()
        object.add("id", id)
        object.add("lease", lease)
        object.add("succeeded", succeeded)
        object.add("retry_delay", retryDelay.seconds)
        object.add("started_at", startedAt)
        object.add("finished_at", finishedAt)
        object.add("components_in_file", componentsInFile)
        object.add("components_kept", componentsKept)
        object.add("imported", imported)
        object.add("skipped", skipped)
        object.add("failed", failed)
        object.add("bytes", bytes)
        object.add("derived_uids", derivedUIDs)
        object.add("error_class", errorClass)
        object.add("error_code", errorCode)
        object.add("http_status", httpStatus)
        object.add("message", message)
        object.addRaw("item_errors", "[" + itemErrors.map(Self.json).joined(separator: ",") + "]")
        return object.finished
    }

    private static func json(_ itemError: ItemError) -> String {
        var object = JSONObjectText()
        object.add("uid", itemError.uid)
        object.add("recurrence_id", itemError.recurrenceID)
        object.add("reason", itemError.reason)
        return object.finished
    }

    /// The JSON array of `outcomes`.
    static func json(_ outcomes: [JobOutcome]) -> String {
        "[" + outcomes.map { OutcomeRecord($0).json }.joined(separator: ",") + "]"
    }
}
