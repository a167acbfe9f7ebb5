import Foundation

/// The sandbox calendar node without its HTTP server: routes a request to the protocol it
/// belongs to, or to the inspection endpoints (`/_sandbox/…`, never faulted).
public final class SandboxNode: Sendable {
    /// The settings it runs with.
    public let configuration: SandboxConfiguration
    /// Every account's calendar.
    public let store: SandboxStore
    /// The fault injector (also the request counters).
    public let faults: FaultInjector
    /// Protocol requests in flight, per method (`GET /_sandbox/inflight`).
    public let inFlight = InFlightGauge()
    private let sessions: SessionRegistry
    private let tasks = TaskRegistry()

    public init(configuration: SandboxConfiguration) {
        self.configuration = configuration
        store = SandboxStore(accounts: configuration.accounts)
        faults = FaultInjector(configuration: configuration)
        sessions = SessionRegistry(lifetime: configuration.tokenLifetime)
    }

    /// Answers `request` (faults are the server's business, see ``FaultInjector``).
    public func respond(to request: SandboxRequest) -> SandboxResponse {
        if request.path.hasPrefix("/_sandbox/") { return inspect(request) }
        switch SandboxProtocol(path: request.path) {
        case .caldav: return CalDAVHandler(store: store, configuration: configuration).handle(request)
        case .zimbra: return ZimbraHandler(store: store, configuration: configuration, sessions: sessions).handle(request)
        case .wcap: return WCAPHandler(store: store, configuration: configuration, sessions: sessions).handle(request)
        case .bluemind: return BlueMindHandler(store: store, configuration: configuration, tasks: tasks).handle(request)
        case nil: return .text(404, "not found")
        }
    }

    /// `GET /_sandbox/accounts/{account}`, `GET /_sandbox/accounts/{account}/calendar` (the
    /// stored iCalendar text), `GET /_sandbox/stats`, `GET /_sandbox/inflight` (see
    /// ``InFlightGauge``), `DELETE /_sandbox/sessions`
    /// (expires every Zimbra token and WCAP session, to rehearse renewal).
    private func inspect(_ request: SandboxRequest) -> SandboxResponse {
        let segments = request.path.split(separator: "/").map(String.init)
        switch (request.method, segments.count > 1 ? segments[1] : "") {
        case ("GET", "accounts") where segments.count == 3:
            return .json(200, store.inspection(of: segments[2]))
        case ("GET", "accounts") where segments.count == 4 && segments[3] == "calendar":
            return SandboxResponse(status: 200, headers: [("Content-Type", "text/calendar; charset=utf-8")], body: store.storedText(of: segments[2]))
        case ("GET", "stats"):
            return .json(200, faults.snapshot())
        case ("GET", "inflight"):
            return .json(200, inFlight.snapshot())
        case ("DELETE", "sessions"):
            sessions.expireAll()
            return SandboxResponse(status: 204)
        default:
            return .text(404, "not found")
        }
    }
}

/// The body of `GET /_sandbox/accounts/{account}`.
public struct AccountInspection: Codable, Sendable {
    public var account: String
    public var events: [StoredEvent]
    /// How many writes changed the account's calendar since the node started.
    public var changes: Int
}
