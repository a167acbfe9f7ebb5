import Foundation
import HTTPTransport

/// Builds the connector for a target URL.
public enum TargetFactory {
    /// The connector for `url`, with credentials from the environment.
    public static func makeTarget(
        _ url: TargetURL, credentials: TargetCredentials?, httpClient: HTTPClient
    ) -> any CalendarTarget {
        switch url.kind {
        case .file:
            return FileTarget(directory: URL(fileURLWithPath: url.location, isDirectory: true))
        case .caldav:
            return CalDAVTarget(collectionTemplate: url.location, credentials: credentials, httpClient: httpClient)
        }
    }
}
