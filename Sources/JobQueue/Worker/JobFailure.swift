/// Why an attempt failed, as the target or the importer classified it.
public struct JobFailure: Sendable, Equatable, Codable, Error, CustomStringConvertible {
    /// Transient (retry) or permanent (fail now).
    public var failureClass: FailureClass
    /// A short machine-readable reason, e.g. `source.unreadable`, `source.parse`, `http.5xx`, `auth`.
    public var code: String
    /// The HTTP status, when the target answered one.
    public var httpStatus: Int?
    /// One line for the operator; names the account (and the line, for parse errors).
    public var message: String
    /// Seconds the target asked to wait before the next try (Retry-After), if it said.
    public var retryAfter: Double?

    public init(failureClass: FailureClass, code: String, httpStatus: Int? = nil, message: String, retryAfter: Double? = nil) {
        self.failureClass = failureClass
        self.code = code
        self.httpStatus = httpStatus
        self.message = message
        self.retryAfter = retryAfter
    }

    public var description: String { message }

    enum CodingKeys: String, CodingKey {
        case failureClass = "error_class"
        case code = "error_code"
        case httpStatus = "http_status"
        case message
        case retryAfter = "retry_after"
    }
}
