import Foundation
import HTTPTransport
import ICalendar

extension TargetFactory {
    /// The read-only check of the target at `url` (credentials from `environment`, as for
    /// imports), or nil when its connector has none yet.
    public static func makeCheck(
        _ url: TargetURL, httpClient: HTTPClient, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (any TargetCheck)? {
        let context = Context(httpClient: httpClient, throttles: TargetThrottles(), environment: environment)
        return try makeTarget(url, context: context) as? any TargetCheck
    }
}
