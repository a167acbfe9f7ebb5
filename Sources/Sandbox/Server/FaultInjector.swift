import Foundation

/// Decides, per protocol request, whether to answer normally, throttle (429 with Retry-After),
/// fail (503) or drop the connection after applying the request; counts requests and faults.
public final class FaultInjector: @unchecked Sendable {
    /// What to do with one request.
    public enum Decision: Equatable, Sendable {
        case pass, throttle(retryAfter: Int), fail, reset
    }

    /// Requests and injected faults of one protocol.
    public struct Counters: Codable, Sendable, Equatable {
        public var requests = 0
        public var throttled = 0
        public var failed = 0
        public var resets = 0
        public init() {}
    }

    private let lock = NSLock()
    private let configuration: SandboxConfiguration
    private var counters: [SandboxProtocol: Counters] = [:]
    private var windowStart = Date()
    private var windowCount = 0

    public init(configuration: SandboxConfiguration) {
        self.configuration = configuration
    }

    /// The decision for one request of `proto`, counted.
    public func decide(_ proto: SandboxProtocol) -> Decision {
        lock.withLock {
            var counter = counters[proto] ?? Counters()
            counter.requests += 1
            let decision = draw()
            switch decision {
            case .throttle: counter.throttled += 1
            case .fail: counter.failed += 1
            case .reset: counter.resets += 1
            case .pass: break
            }
            counters[proto] = counter
            return decision
        }
    }

    /// Counters per protocol, for `GET /_sandbox/stats`.
    public func snapshot() -> [String: Counters] {
        lock.withLock {
            Dictionary(uniqueKeysWithValues: SandboxProtocol.allCases.map { ($0.rawValue, counters[$0] ?? Counters()) })
        }
    }

    private func draw() -> Decision {
        if let limit = configuration.throttlePerSecond {
            let now = Date()
            if now.timeIntervalSince(windowStart) >= 1 { windowStart = now; windowCount = 0 }
            windowCount += 1
            if Double(windowCount) > limit { return .throttle(retryAfter: 1) }
        }
        let roll = Double.random(in: 0..<1)
        if roll < configuration.failRate { return .fail }
        if roll < configuration.failRate + configuration.resetRate { return .reset }
        return .pass
    }
}
