import CalendarTargets
import Foundation
import HTTPTransport
import Logging
import Sandbox

/// A sandbox node served in this process on a free port of 127.0.0.1, stopped by `stop()`.
public final class SandboxHarness: @unchecked Sendable {
    public let node: SandboxNode
    public let url: String
    private let task: Task<Void, Error>

    public static let user = "admin"
    public static let password = "sandbox-password"
    public static let preauthKey = "0123456789abcdef0123456789abcdef"
    public static let apiKey = "bm-api-key"

    public init(_ adjust: (inout SandboxConfiguration) -> Void = { _ in }) throws {
        var configuration = SandboxConfiguration()
        configuration.user = Self.user
        configuration.password = Self.password
        configuration.preauthKey = Self.preauthKey
        configuration.apiKey = Self.apiKey
        adjust(&configuration)
        let node = SandboxNode(configuration: configuration)
        let port = PortBox()
        let server = SandboxServer(node: node, host: "127.0.0.1", port: 0)
        var logger = Logger(label: "sandbox-test")
        logger.logLevel = .warning
        task = Task { try await server.run(logger: logger) { port.set($0) } }
        guard eventually(timeout: 60, { port.get() != nil }), let bound = port.get() else {
            task.cancel()
            throw TestEnvironmentError("the sandbox did not start listening")
        }
        self.node = node
        url = "http://127.0.0.1:\(bound)"
    }

    deinit { task.cancel() }

    /// The identities (`UID` or `UID|RECURRENCE-ID`) `account` holds, sorted, duplicates kept.
    public func identities(_ account: String) -> [String] {
        node.store.events(of: account).map { event in event.recurrenceID.map { event.uid + "|" + $0 } ?? event.uid }.sorted()
    }

    /// The environment a calimport process needs to reach the sandbox with every connector.
    public static var environment: [String: String] {
        [
            "CALIMPORT_TARGET_USER": user, "CALIMPORT_TARGET_PASSWORD": password,
            "CALIMPORT_ZIMBRA_PREAUTH_KEY": preauthKey, "CALIMPORT_BLUEMIND_API_KEY": apiKey,
        ]
    }

    /// A connector context whose environment holds the sandbox's credentials.
    public func context(_ extra: [String: String] = [:], throttle: HostThrottle.Configuration = .init()) -> TargetFactory.Context {
        TargetFactory.Context(
            httpClient: HTTPClient(), throttles: TargetThrottles(configuration: throttle),
            environment: Self.environment.merging(extra) { $1 })
    }
}

private final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int?
    func set(_ value: Int) { lock.withLock { port = value } }
    func get() -> Int? { lock.withLock { port } }
}
