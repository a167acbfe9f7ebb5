import Foundation
import HTTPTransport

extension TargetFactory {
    /// The read-only check of the target at `url`, or nil when its connector has none yet.
    public static func makeCheck(
        _ url: TargetURL, credentials: TargetCredentials?, httpClient: HTTPClient
    ) -> (any TargetCheck)? {
        makeTarget(url, credentials: credentials, httpClient: httpClient) as? any TargetCheck
    }
}
