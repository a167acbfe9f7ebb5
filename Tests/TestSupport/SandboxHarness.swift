import CalendarTargets
import Foundation
import HTTPTransport
import Sandbox

/// A `calimport sandbox` process on a free port of 127.0.0.1, stopped when released. Tests read
/// it only through its inspection endpoints, as operators do. (A separate process, not a task in
/// the test process: blocking connector calls would otherwise starve the server's threads.)
public final class SandboxHarness: @unchecked Sendable {
    public let url: String
    private let process: RunningCommand
    private let client = HTTPClient()

    public static let user = "admin"
    public static let password = "sandbox-password"
    public static let preauthKey = "0123456789abcdef0123456789abcdef"
    public static let apiKey = "bm-api-key"

    /// The environment a calimport process needs to reach the sandbox with every connector.
    public static var environment: [String: String] {
        [
            "CALIMPORT_TARGET_USER": user, "CALIMPORT_TARGET_PASSWORD": password,
            "CALIMPORT_ZIMBRA_PREAUTH_KEY": preauthKey, "CALIMPORT_BLUEMIND_API_KEY": apiKey,
        ]
    }

    /// Starts a sandbox with these faults and this latency added to every protocol request;
    /// `accounts` limits which accounts exist.
    public init(failRate: Double = 0, resetRate: Double = 0, throttle: Double? = nil, accounts: [String]? = nil,
                latencyMilliseconds: Int = 0) throws {
        let port = try FreePort.find()
        var arguments = ["sandbox", "--listen", "127.0.0.1:\(port)", "--fail-rate", "\(failRate)", "--reset-rate", "\(resetRate)",
                         "--latency-ms", "\(latencyMilliseconds)", "--log-level", "warning"]
        if let throttle { arguments += ["--throttle", "\(throttle)"] }
        if let accounts {
            let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sandbox-accounts-\(port).txt")
            try accounts.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
            arguments += ["--accounts", file.path]
        }
        process = try CommandRunner(environment: [
            "CALIMPORT_SANDBOX_USER": Self.user, "CALIMPORT_SANDBOX_PASSWORD": Self.password,
            "CALIMPORT_SANDBOX_PREAUTH_KEY": Self.preauthKey, "CALIMPORT_SANDBOX_API_KEY": Self.apiKey,
        ]).start(arguments)
        url = "http://127.0.0.1:\(port)"
        let client = client, stats = url + "/_sandbox/stats"
        guard eventually(timeout: 60, { (try? client.perform(HTTPRequest(method: "GET", url: stats)))?.status == 200 }) else {
            process.signal(SIGKILL)
            throw TestEnvironmentError("the sandbox did not start listening on \(url)")
        }
    }

    deinit {
        process.signal(SIGTERM)
        _ = try? process.wait(timeout: 30)
    }

    /// What `account` holds and how many writes changed it, from `GET /_sandbox/accounts/{account}`.
    public func inspection(_ account: String) throws -> AccountInspection {
        let response = try client.perform(HTTPRequest(method: "GET", url: "\(url)/_sandbox/accounts/\(account)"))
        return try JSONDecoder().decode(AccountInspection.self, from: response.body)
    }

    /// What `account` holds, from `GET /_sandbox/accounts/{account}`.
    public func events(_ account: String) throws -> [StoredEvent] {
        try inspection(account).events
    }

    /// The identities (`UID` or `UID|RECURRENCE-ID`) `account` holds, sorted, duplicates kept.
    public func identities(_ account: String) throws -> [String] {
        try events(account).map { event in event.recurrenceID.map { event.uid + "|" + $0 } ?? event.uid }.sorted()
    }

    /// What `account` holds as iCalendar text, from `GET /_sandbox/accounts/{account}/calendar`.
    public func storedText(_ account: String) throws -> String {
        String(decoding: try client.perform(HTTPRequest(method: "GET", url: "\(url)/_sandbox/accounts/\(account)/calendar")).body, as: UTF8.self)
    }

    /// Requests and injected faults per protocol, from `GET /_sandbox/stats`.
    public func stats() throws -> [String: FaultInjector.Counters] {
        let response = try client.perform(HTTPRequest(method: "GET", url: "\(url)/_sandbox/stats"))
        return try JSONDecoder().decode([String: FaultInjector.Counters].self, from: response.body)
    }

    /// Expires every Zimbra token and WCAP session.
    public func expireSessions() throws {
        _ = try client.perform(HTTPRequest(method: "DELETE", url: "\(url)/_sandbox/sessions"))
    }

    /// A connector context whose environment holds the sandbox's credentials.
    public func context(_ extra: [String: String] = [:], throttle: HostThrottle.Configuration = .init()) -> TargetFactory.Context {
        TargetFactory.Context(
            httpClient: HTTPClient(), throttles: TargetThrottles(configuration: throttle),
            environment: Self.environment.merging(extra) { $1 })
    }
}
