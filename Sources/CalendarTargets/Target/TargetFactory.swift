import Foundation
import HTTPTransport
import ICalendar

/// Builds the connector for a target URL, with its credentials from the environment.
///
/// Credentials per kind: CalDAV, WCAP and Zimbra `auth=admin`/`auth=basic` use
/// `CALIMPORT_TARGET_USER` and `CALIMPORT_TARGET_PASSWORD` (or `…_FILE`); Zimbra `auth=preauth`
/// uses `CALIMPORT_ZIMBRA_PREAUTH_KEY` (or `…_FILE`); BlueMind uses `CALIMPORT_BLUEMIND_API_KEY`
/// (or `…_FILE`). Files must be mode 0600 or 0400.
public enum TargetFactory {
    /// What every connector of a process shares.
    public struct Context: Sendable {
        /// The HTTP client.
        public var httpClient: HTTPClient
        /// The per-host throttles.
        public var throttles: TargetThrottles
        /// The environment credentials are read from.
        public var environment: [String: String]

        public init(httpClient: HTTPClient, throttles: TargetThrottles, environment: [String: String] = ProcessInfo.processInfo.environment) {
            self.httpClient = httpClient
            self.throttles = throttles
            self.environment = environment
        }
    }

    /// The connector for `url`, with the invitations choice `url` makes (see
    /// ``Invitations/init(_:)``). Connectors get no window: calimport's filter applied it.
    public static func makeTarget(_ url: TargetURL, context: Context) throws -> any CalendarTarget {
        try makeTarget(url, invitations: try Invitations(url), context: context)
    }

    /// The connector for `url`; `invitations` applies to CalDAV (the other connectors send no
    /// invitations).
    public static func makeTarget(_ url: TargetURL, invitations: Invitations, context: Context) throws -> any CalendarTarget {
        let sender = RequestSender(httpClient: context.httpClient, throttle: context.throttles.throttle(for: url.location))
        switch url.kind {
        case .file:
            return FileTarget(directory: URL(fileURLWithPath: url.location, isDirectory: true))
        case .caldav:
            var target = CalDAVTarget(collectionTemplate: url.location, credentials: try TargetCredentials.fromEnvironment(context.environment), sender: sender)
            target.serverScheduling = invitations == .server
            if let parallel = url.option("parallel").flatMap(Int.init), parallel > 0 { target.parallelPuts = parallel }
            return target
        case .zimbra:
            return ZimbraTarget(baseURL: url.location, folder: url.option("folder") ?? "Calendar",
                                authentication: try zimbraAuthentication(url, environment: context.environment), sender: sender)
        case .wcap:
            return WCAPTarget(baseURL: url.location, credentials: try required(context.environment, for: url), sender: sender)
        case .bluemind:
            guard let key = try TargetCredentials.secret("CALIMPORT_BLUEMIND_API_KEY", environment: context.environment) else {
                throw missing(url, "CALIMPORT_BLUEMIND_API_KEY (or CALIMPORT_BLUEMIND_API_KEY_FILE)")
            }
            return BlueMindTarget(baseURL: url.location, apiKey: key, sender: sender)
        }
    }

    static func zimbraAuthentication(_ url: TargetURL, environment: [String: String]) throws -> ZimbraAuthentication {
        switch url.option("auth") ?? "admin" {
        case "admin":
            let adminURL = url.option("admin-url") ?? defaultAdminURL(url.location)
            return .admin(try required(environment, for: url), adminURL: adminURL)
        case "preauth":
            guard let key = try TargetCredentials.secret("CALIMPORT_ZIMBRA_PREAUTH_KEY", environment: environment) else {
                throw missing(url, "CALIMPORT_ZIMBRA_PREAUTH_KEY (or CALIMPORT_ZIMBRA_PREAUTH_KEY_FILE)")
            }
            return .preauth(key: key)
        case "basic", "ba":
            return .basic(try required(environment, for: url))
        case let other:
            throw CalendarTargetError(code: .invalidTarget, isTransient: false, message: "target \(url): unknown auth=\(other) (admin, preauth or basic)")
        }
    }

    /// `https://HOST:7071`, Zimbra's admin port, on the target's host.
    static func defaultAdminURL(_ location: String) -> String {
        guard var components = URLComponents(string: location) else { return location }
        components.scheme = "https"
        components.port = 7071
        components.path = ""
        return components.string ?? location
    }

    private static func required(_ environment: [String: String], for url: TargetURL) throws -> TargetCredentials {
        guard let credentials = try TargetCredentials.fromEnvironment(environment) else {
            throw missing(url, "CALIMPORT_TARGET_USER and CALIMPORT_TARGET_PASSWORD (or CALIMPORT_TARGET_PASSWORD_FILE)")
        }
        return credentials
    }

    private static func missing(_ url: TargetURL, _ what: String) -> CalendarTargetError {
        CalendarTargetError(code: .invalidTarget, isTransient: false, message: "target \(url): set \(what) in the environment")
    }
}
