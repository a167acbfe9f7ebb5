import CoreMetrics
import Foundation

/// How hard calimport may push one calendar host, shared by every slot of a process: at most
/// `limit` requests in flight (and, optionally, at most `rate` started per second). The limit
/// adapts by additive increase, multiplicative decrease: it halves (at most once per second) on
/// 429/503 or when latency climbs to twice its long-run average, and grows back by about one
/// request per round of successful requests, never above the configured maximum.
public final class HostThrottle: @unchecked Sendable {
    /// Settings of a throttle.
    public struct Configuration: Sendable, Equatable {
        /// Requests in flight at most (the ceiling the adaptive limit grows back to). Default 8.
        public var maxInFlight: Int = 8
        /// Requests started per second at most; nil = no rate limit. Default nil.
        public var rate: Double?
        public init(maxInFlight: Int = 8, rate: Double? = nil) {
            self.maxInFlight = maxInFlight
            self.rate = rate
        }
    }

    /// What became of one request, for the adaptive limit.
    public enum Signal: Sendable {
        /// Answered normally in this many seconds.
        case answered(latency: Double)
        /// The host said it is overloaded (429, 503).
        case overloaded
        /// No answer or a failure that says nothing about load.
        case failed
    }

    private let condition = NSCondition()
    private let configuration: Configuration
    /// The host it guards (`HOST:PORT`), the `target_host` of its metrics.
    public let host: String
    private let inFlightGauge: Gauge
    private let limitGauge: Gauge
    private var limit: Double
    private var inFlight = 0
    private var nextStart = Date.distantPast
    private var lastDecrease = Date.distantPast
    private var slowLatency: Double?
    private var fastLatency: Double?

    /// A throttle for `host`, publishing `calimport_target_in_flight{target_host}` and
    /// `calimport_target_in_flight_limit{target_host}` (the adaptive cap).
    public init(configuration: Configuration, host: String = "") {
        self.configuration = configuration
        self.host = host
        limit = Double(max(1, configuration.maxInFlight))
        inFlightGauge = Gauge(label: "calimport_target_in_flight", dimensions: [("target_host", host)])
        limitGauge = Gauge(label: "calimport_target_in_flight_limit", dimensions: [("target_host", host)])
        limitGauge.record(limit)
    }

    /// The current in-flight limit.
    public var currentLimit: Int { condition.withLock { Int(limit) } }

    /// Blocks until a request may start; pair with ``release(_:)``.
    public func acquire() {
        condition.lock()
        while inFlight >= Int(limit) { condition.wait() }
        inFlight += 1
        inFlightGauge.record(inFlight)
        var delay = 0.0
        if let rate = configuration.rate, rate > 0 {
            let now = Date()
            let start = max(now, nextStart)
            nextStart = start.addingTimeInterval(1 / rate)
            delay = start.timeIntervalSince(now)
        }
        condition.unlock()
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
    }

    /// Ends a request started with ``acquire()`` and adapts the limit.
    public func release(_ signal: Signal) {
        condition.lock()
        inFlight -= 1
        switch signal {
        case .answered(let latency):
            if latencyRising(latency) { decrease() } else { limit = min(Double(configuration.maxInFlight), limit + 1 / limit) }
        case .overloaded:
            decrease()
        case .failed:
            break
        }
        inFlightGauge.record(inFlight)
        limitGauge.record(limit)
        condition.broadcast()
        condition.unlock()
    }

    private func latencyRising(_ latency: Double) -> Bool {
        let slow = slowLatency.map { $0 * 0.95 + latency * 0.05 } ?? latency
        let fast = fastLatency.map { $0 * 0.7 + latency * 0.3 } ?? latency
        slowLatency = slow
        fastLatency = fast
        return fast > 2 * slow && fast > 0.05
    }

    private func decrease() {
        let now = Date()
        guard now.timeIntervalSince(lastDecrease) >= 1 else { return }
        lastDecrease = now
        limit = max(1, (limit / 2).rounded(.down))
    }
}
