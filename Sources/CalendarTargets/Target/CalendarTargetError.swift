import Foundation
import HTTPTransport

/// A push to a calendar node that failed for the whole account, classified so the queue knows
/// whether to retry: transient (timeouts, resets, 5xx, 408, 429 with its Retry-After) or
/// permanent (bad credentials, unknown account, refused data, bad target URL).
public struct CalendarTargetError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The target URL cannot be used (unknown scheme, credentials in the URL, …).
        public static let invalidTarget = Code("target.invalid")
        /// Credentials missing or refused (401, 403).
        public static let unauthorized = Code("target.auth")
        /// The account or its calendar does not exist on the node (404, 409 on the parent).
        public static let accountNotFound = Code("target.account")
        /// The node refused the data for the whole account (other 4xx).
        public static let refused = Code("target.refused")
        /// The node is throttling (429, 503 with Retry-After).
        public static let throttled = Code("target.throttled")
        /// The node failed (5xx, 408).
        public static let serverError = Code("target.server")
        /// No response: timeout, refused or reset connection, TLS failure.
        public static let transport = Code("target.transport")
        /// Writing to a `file://` target failed.
        public static let fileSystem = Code("target.file")
    }

    /// What went wrong.
    public var code: Code
    /// Whether trying again later may succeed.
    public var isTransient: Bool
    /// The HTTP status, when the node answered.
    public var httpStatus: Int?
    /// One line that names the account.
    public var message: String
    /// Seconds the node asked to wait (Retry-After), if it said.
    public var retryAfter: Double?
    /// The error this one wraps (a transport or file-system failure), when there is one.
    public var underlying: (any Error)?

    public init(code: Code, isTransient: Bool, httpStatus: Int? = nil, message: String, retryAfter: Double? = nil, underlying: (any Error)? = nil) {
        self.code = code
        self.isTransient = isTransient
        self.httpStatus = httpStatus
        self.message = message
        self.retryAfter = retryAfter
        self.underlying = underlying
    }

    /// An error with `verdict`'s code and class.
    public init(_ verdict: FailureVerdict, httpStatus: Int? = nil, message: String, retryAfter: Double? = nil, underlying: (any Error)? = nil) {
        self.init(code: verdict.code, isTransient: verdict.isTransient, httpStatus: httpStatus, message: message,
                  retryAfter: retryAfter, underlying: underlying)
    }

    public var description: String { message }
}

extension CalendarTargetError {
    /// A non-success HTTP answer to a request made for `account`, classified by
    /// ``FailureVerdict/init(status:retryAfter:)``; a transient one keeps the Retry-After.
    public static func fromResponse(_ response: HTTPResponse, account: String, action: String) -> CalendarTargetError {
        let status = response.status
        let verdict = FailureVerdict(status: status, retryAfter: response.retryAfter)
        let message: String
        switch verdict.code {
        case .unauthorized: message = "\(account): \(action) refused the credentials (HTTP \(status))"
        case .accountNotFound: message = "\(account): \(action) found no such account or calendar (HTTP 404)"
        default:
            let detail = response.bodyExcerpt(limit: 160)
            message = "\(account): \(action) answered HTTP \(status)" + (detail.isEmpty ? "" : ": \(detail)")
        }
        return CalendarTargetError(verdict, httpStatus: status, message: message, retryAfter: verdict.isTransient ? response.retryAfter : nil)
    }

    /// A request for `account` that got no response, classified by
    /// ``FailureVerdict/init(transport:)``; `error` is kept as ``underlying``.
    public static func fromTransport(_ error: HTTPTransportError, account: String, action: String) -> CalendarTargetError {
        CalendarTargetError(FailureVerdict(transport: error), message: "\(account): \(action) failed: \(error.message)", underlying: error)
    }
}
