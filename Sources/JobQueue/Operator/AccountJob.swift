import Foundation

/// One account of a batch as `jobs` and `report` show it: its state, attempts, counters of its
/// last attempt and its last error.
public struct AccountJob: Sendable, Equatable, Codable {
    public var account: String
    /// The account on the target (the same unless mapped).
    public var targetAccount: String
    /// `pending`, `running`, `succeeded`, `partial` (succeeded, some components refused), `failed` or `cancelled`.
    public var state: AccountState
    /// Attempts started so far.
    public var attempts: Int
    /// Components (events, todos, journals; overrides one each) in the file.
    public var eventsInFile: Int
    /// Of those, the ones the window kept.
    public var eventsKept: Int
    public var imported: Int
    public var skipped: Int
    public var failed: Int
    /// Size of the source file.
    public var bytes: Int
    /// Of the kept components, those without UID, imported under derived UIDs (a warning).
    public var derivedUIDs: Int
    /// Duration of the last finished attempt, in milliseconds.
    public var durationMs: Int
    /// Error class (`transient`, `permanent`) and code of the last failure, if any.
    public var errorClass: String?
    public var errorCode: String?
    public var httpStatus: Int?
    /// One line: the last error, if any.
    public var lastError: String?
    /// When the last attempt finished (UTC), if one did.
    public var finishedAt: Date?
    /// While it runs: its phase and components pushed, as of its worker's last heartbeat.
    public var progress: LiveProgress?

    enum CodingKeys: String, CodingKey {
        case account
        case targetAccount = "target_account"
        case state, attempts
        case eventsInFile = "events_in_file"
        case eventsKept = "events_kept"
        case imported, skipped, failed, bytes
        case derivedUIDs = "derived_uids"
        case durationMs = "duration_ms"
        case errorClass = "error_class"
        case errorCode = "error_code"
        case httpStatus = "http_status"
        case lastError = "last_error"
        case finishedAt = "finished_at"
        case progress
    }
}
