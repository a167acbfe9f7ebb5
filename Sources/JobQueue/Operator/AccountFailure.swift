import ICalendar
/// What went wrong with one account, as `failures` prints it: a failed account, or one that
/// was imported with some events refused.
public struct AccountFailure: Sendable, Equatable, Codable {
    public var account: String
    /// `failed`, or `partial` when only single events were refused (the job succeeded).
    public var state: AccountState
    /// Attempts made in total (including those before an operator retry).
    public var attempts: Int
    /// `transient` or `permanent`, when the last attempt failed.
    public var errorClass: String?
    /// The machine-readable reason, e.g. `source.parse`, `target.server`, `lease.expired`.
    public var errorCode: String?
    /// The HTTP status the target answered, when there was one.
    public var httpStatus: Int?
    /// The one-line reason of the last failure.
    public var message: String?
    /// The events that could not be imported.
    public var itemErrors: [ItemError]

    public init(account: String, state: AccountState, attempts: Int, errorClass: String?, errorCode: String?,
                httpStatus: Int?, message: String?, itemErrors: [ItemError]) {
        self.account = account
        self.state = state
        self.attempts = attempts
        self.errorClass = errorClass
        self.errorCode = errorCode
        self.httpStatus = httpStatus
        self.message = message
        self.itemErrors = itemErrors
    }

    enum CodingKeys: String, CodingKey {
        case account, state, attempts
        case errorClass = "error_class"
        case errorCode = "error_code"
        case httpStatus = "http_status"
        case message
        case itemErrors = "item_errors"
    }
}
