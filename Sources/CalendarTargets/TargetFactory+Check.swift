import Foundation
import HTTPTransport

extension TargetFactory {
    /// The read-only check of the target at `url`.
    public static func makeCheck(
        _ url: TargetURL, credentials: TargetCredentials?, httpClient: HTTPClient
    ) -> any TargetCheck {
        switch url.kind {
        case .file:
            return FileTarget(directory: URL(fileURLWithPath: url.location, isDirectory: true))
        case .caldav:
            return CalDAVTarget(collectionTemplate: url.location, credentials: credentials, httpClient: httpClient)
        }
    }
}
