import Foundation

/// How a sandbox node behaves: who may log in and which faults it injects.
public struct SandboxConfiguration: Sendable {
    /// The user name that authenticates everywhere (CalDAV basic auth, Zimbra admin and
    /// `auth=ba`, WCAP `login.wcap`). Default `admin`.
    public var user: String = "admin"
    /// Its password. Default `sandbox`.
    public var password: String = "sandbox"
    /// The Zimbra domain preauth key (hex); preauth is refused when nil. Default nil.
    public var preauthKey: String?
    /// The BlueMind `X-BM-ApiKey` value; BlueMind calls are refused when nil. Default nil.
    public var apiKey: String?
    /// Accounts that exist; nil means every account exists. Default nil.
    public var accounts: Set<String>?
    /// Share of protocol requests answered 503 (0…1). Default 0.
    public var failRate: Double = 0
    /// Share of protocol requests whose connection is dropped after the request was applied (0…1). Default 0.
    public var resetRate: Double = 0
    /// Delay added to every protocol request, in milliseconds. Default 0.
    public var latencyMilliseconds: Int = 0
    /// Protocol requests allowed per second before answering 429 with Retry-After; nil = unlimited. Default nil.
    public var throttlePerSecond: Double?
    /// Lifetime of Zimbra tokens and WCAP sessions, in seconds. Default 3600.
    public var tokenLifetime: Double = 3600

    public init() {}
}
