import Foundation

/// One ``HostThrottle`` per target host (`host:port`), shared by every connector of a process.
public final class TargetThrottles: @unchecked Sendable {
    private let lock = NSLock()
    private var throttles: [String: HostThrottle] = [:]
    /// The settings each host's throttle starts with.
    public let configuration: HostThrottle.Configuration

    public init(configuration: HostThrottle.Configuration = .init()) {
        self.configuration = configuration
    }

    /// The throttle of the host `url` points at.
    public func throttle(for url: String) -> HostThrottle {
        let host = URLComponents(string: url).map { "\($0.host ?? ""):\($0.port ?? 0)" } ?? url
        return lock.withLock {
            if let throttle = throttles[host] { return throttle }
            let throttle = HostThrottle(configuration: configuration, host: host)
            throttles[host] = throttle
            return throttle
        }
    }
}
