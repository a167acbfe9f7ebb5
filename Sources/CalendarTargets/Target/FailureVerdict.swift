import HTTPTransport

/// What a failed request means for the account: the ``CalendarTargetError/Code`` and whether
/// trying again later may succeed. The one place calimport decides transient against permanent
/// from an HTTP status or, when no answer came, from the transport failure; the sender's
/// retries, ``CalendarTargetError/fromResponse(_:account:action:)`` and
/// ``CalendarTargetError/fromTransport(_:account:action:)`` all ask it. Protocols whose answers
/// carry numbers of their own (WCAP's errno, BlueMind's errorCode, Zimbra's SOAP faults)
/// refine a status in their tables; the queue then only applies the class.
public struct FailureVerdict: Sendable, Equatable {
    /// What went wrong.
    public var code: CalendarTargetError.Code
    /// Whether trying again later may succeed.
    public var isTransient: Bool

    /// A verdict a protocol's own table reached.
    public init(code: CalendarTargetError.Code, isTransient: Bool) {
        self.code = code
        self.isTransient = isTransient
    }

    /// The verdict on a non-success HTTP status: 401 and 403 refused credentials, 404 no such
    /// account or calendar, other 4xx refused data (all permanent); 429 throttled, 408, 423 and
    /// 5xx a server failure (all transient; a 503 with Retry-After counts as throttled).
    public init(status: Int, retryAfter: Double? = nil) {
        switch status {
        case 401, 403: self.init(code: .unauthorized, isTransient: false)
        case 404: self.init(code: .accountNotFound, isTransient: false)
        case 429: self.init(code: .throttled, isTransient: true)
        case 408, 423, 500...599: self.init(code: status == 503 && retryAfter != nil ? .throttled : .serverError, isTransient: true)
        default: self.init(code: .refused, isTransient: false)
        }
    }

    /// The verdict on a request that got no answer: timeouts and failed or reset connections
    /// can pass; a TLS failure, an unusable request or another libcurl failure cannot.
    public init(transport error: HTTPTransportError) {
        self.init(code: .transport, isTransient: error.code == .timedOut || error.code == .connectionFailed)
    }

    /// Whether `response` is worth sending again (408, 423, 429, 5xx): ``RequestSender``'s default.
    public static func isTransient(_ response: HTTPResponse) -> Bool {
        FailureVerdict(status: response.status, retryAfter: response.retryAfter).isTransient
    }
}
